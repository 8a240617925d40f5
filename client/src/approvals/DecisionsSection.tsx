// The card panel's sign-off section: which functions must sign off (and, for editors, adding more),
// where the current proposal round stands per function (who, verdict, reason, when), Approve / Decline
// for a leader whose function is asked, and the card's whole decision history with stale decisions
// marked (the plan changed after them, or they belong to an earlier round).

import {
  approvalFingerprint,
  approvalState,
  type Board,
  type Card,
  type CardUpdate,
  type DecisionRecord,
  type Result,
} from '@tideboard/shared'
import { useId } from 'react'
import { FunctionTag } from '../people/FunctionTag'
import { fullTime, timeAgo } from '../ui/timeAgo'
import { DecideForm } from './DecideForm'
import { SignOffFunctions } from './SignOffFunctions'
import { decidableFunctions, type SignOffPower } from './signOff'

export interface DecisionsSectionProps {
  card: Card
  board: Board
  functions: readonly string[]
  canEdit: boolean
  power: SignOffPower
  update(update: CardUpdate): Result<undefined>
}

export function VerdictBadge({ verdict }: { verdict: DecisionRecord['verdict'] | null }) {
  if (verdict === null)
    return (
      <span className="verdict verdict-waiting">
        <span aria-hidden="true">…</span> Waiting
      </span>
    )
  return verdict === 'approve' ? (
    <span className="verdict verdict-approve">
      <span aria-hidden="true">✓</span> Approved
    </span>
  ) : (
    <span className="verdict verdict-decline">
      <span aria-hidden="true">✗</span> Declined
    </span>
  )
}

/** Why a decision no longer counts, or null when it does. */
export function staleReason(d: DecisionRecord, card: Card, round: number): string | null {
  if (d.round !== round) return 'From an earlier proposal round'
  if (d.fingerprint !== approvalFingerprint(card)) return 'Plan changed after this decision'
  return null
}

export function DecisionsSection({ card, board, functions, canEdit, power, update }: DecisionsSectionProps) {
  const id = useId()
  const round = board.rounds[card.id]?.round ?? 0
  const state = approvalState(card, board.decisions, round)
  const history = board.decisions.filter((d) => d.cardId === card.id).reverse()
  const mine = decidableFunctions(power, card, state.waitingOn)
  const inRound = card.status === 'proposed' || card.status === 'approved' || card.status === 'declined'

  return (
    <section className="detail-section decisions" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="detail-heading">
        Sign-offs{' '}
        <span className="hint">
          {card.status === 'proposed'
            ? state.waitingOn.length === 0
              ? 'all decided'
              : `waiting on ${state.waitingOn.join(', ')}`
            : card.status === 'idea'
              ? 'propose the card to ask for them'
              : ''}
        </span>
      </h3>
      <SignOffFunctions card={card} functions={functions} canEdit={canEdit} update={update} />

      {inRound && state.signOffs.length > 0 && (
        <ul className="signoff-rows" aria-label="Sign-offs in this round">
          {state.signOffs.map((s) => (
            <li key={s.function} className={`signoff-row signoff-${s.decision?.verdict ?? 'waiting'}`}>
              <FunctionTag fn={s.function} />
              <VerdictBadge verdict={s.decision?.verdict ?? null} />
              {s.decision ? (
                <span className="signoff-who">
                  {s.decision.byName}
                  {' · '}
                  <time dateTime={s.decision.at} title={fullTime(s.decision.at)}>
                    {timeAgo(s.decision.at)}
                  </time>
                </span>
              ) : (
                <span className="signoff-who muted">Waiting for the {s.function} leader</span>
              )}
              {s.decision?.reason && <p className="signoff-reason">“{s.decision.reason}”</p>}
            </li>
          ))}
        </ul>
      )}

      {mine.length > 0 && <DecideForm key={card.id} card={card} power={power} functions={mine} />}

      <details className="decision-history" open={history.length > 0 && history.length <= 6}>
        <summary>
          Decision history <span className="hint">({history.length})</span>
        </summary>
        {history.length === 0 ? (
          <p className="hint">No decisions yet.</p>
        ) : (
          <ol className="history-list" aria-label="Decision history">
            {history.map((d) => {
              const stale = staleReason(d, card, round)
              return (
                <li key={d.id} className={`history-row${stale ? ' is-stale' : ''}`}>
                  <VerdictBadge verdict={d.verdict} />
                  <span>
                    <strong>{d.byName}</strong> for <FunctionTag fn={d.function} />
                  </span>
                  <time className="muted" dateTime={d.at} title={fullTime(d.at)}>
                    {fullTime(d.at)}
                  </time>
                  {stale && <span className="stale-note">{stale}</span>}
                  {d.reason && <p className="signoff-reason">“{d.reason}”</p>}
                </li>
              )
            })}
          </ol>
        )}
      </details>
    </section>
  )
}
