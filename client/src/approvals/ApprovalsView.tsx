// The Approvals view. A leader sees "Waiting for your sign-off": every proposed bet that needs their
// function's decision, with its plan, ICE, owners and KPIs, to approve or decline in place. The owner
// (who can sign off for any function) sees every bet waiting; everyone else sees what is waiting on
// whom. Below, for everyone, the decision log.

import { approvalState, type Board } from '@tideboard/shared'
import { BetReview } from './BetReview'
import { DecisionLog } from './DecisionLog'
import type { SignOffPower } from './signOff'

export interface ApprovalsViewProps {
  board: Board
  power: SignOffPower
  onOpenCard(cardId: string): void
}

export function waitingFor(board: Board, power: Pick<SignOffPower, 'role' | 'fn'>) {
  return board.cards.filter((card) => {
    if (card.status !== 'proposed') return false
    const { waitingOn } = approvalState(card, board.decisions, board.rounds[card.id]?.round ?? 0)
    if (power.role === 'leader') return power.fn !== null && waitingOn.includes(power.fn)
    return waitingOn.length > 0
  })
}

export function ApprovalsView({ board, power, onOpenCard }: ApprovalsViewProps) {
  const queue = waitingFor(board, power)
  const leader = power.role === 'leader'
  const title = leader ? `Waiting for your sign-off (${power.fn ?? 'no function'})` : 'Waiting for sign-off'
  return (
    <div className="approvals-view">
      <header className="view-header">
        <div>
          <h2 className="view-title">Approvals</h2>
          <p className="hint">
            A bet that touches several functions needs a sign-off from the leader of each. Every function
            approves: the bet is approved. One declines: it is declined, with the reason. Changing the plan,
            owners or KPIs afterwards asks again.
          </p>
        </div>
      </header>
      <section className="queue" aria-labelledby="queue-title">
        <div className="section-header">
          <h2 id="queue-title" className="section-title">
            {title} <span className="count-badge">{queue.length}</span>
          </h2>
        </div>
        {queue.length === 0 ? (
          <div className="empty-state">
            <p>
              <strong>{leader ? 'Nothing waits for you.' : 'No bets are waiting for sign-off.'}</strong>
            </p>
            <p className="hint">
              {leader
                ? `When someone proposes a card that involves ${power.fn ?? 'your function'}, it appears here.`
                : 'Set a card’s status to Proposed to ask its functions’ leaders for sign-off.'}
            </p>
          </div>
        ) : (
          <ul className="queue-list">
            {queue.map((card) => (
              <li key={card.id}>
                <BetReview card={card} board={board} power={power} onOpenCard={onOpenCard} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <DecisionLog board={board} onOpenCard={onOpenCard} />
    </div>
  )
}
