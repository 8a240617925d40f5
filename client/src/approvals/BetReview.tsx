// One bet in the approval queue, with what a leader needs to decide: its plan (statement, expected
// impact, horizon, triggers) or description, ICE, owners, linked KPIs and where its sign-offs stand,
// and Approve / Decline right there.

import { approvalState, type Board, type Card, iceScore, PHASE_LABELS } from '@tideboard/shared'
import { KIND_LABELS } from '../cards/cardLabels'
import { Avatar } from '../people/Avatar'
import { FunctionTag } from '../people/FunctionTag'
import { HypothesisIcon, InitiativeIcon } from '../ui/icons'
import { fullTime, timeAgo } from '../ui/timeAgo'
import { cardApproval } from './cardApprovals'
import { DecideForm } from './DecideForm'
import { SignOffChips } from './SignOffChips'
import { decidableFunctions, type SignOffPower } from './signOff'

export interface BetReviewProps {
  card: Card
  board: Board
  power: SignOffPower
  onOpenCard(cardId: string): void
}

function PlanLine({ label, children }: { label: string; children: string | null | undefined }) {
  if (!children) return null
  return (
    <div className="plan-line">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

export function BetReview({ card, board, power, onOpenCard }: BetReviewProps) {
  const round = board.rounds[card.id]
  const state = approvalState(card, board.decisions, round?.round ?? 0)
  const mine = decidableFunctions(power, card, state.waitingOn)
  const approval = cardApproval(card, board)
  const stage = board.stages.find((s) => s.id === card.stageId)
  const plan = card.hypothesis
  const ice = card.kind === 'hypothesis' ? iceScore(plan) : null
  const proposer = round?.proposedBy ? board.members.find((m) => m.id === round.proposedBy) : undefined
  const owners = Object.entries(card.owners)
  const kpis = card.kpiIds.flatMap((id) => board.kpis.find((k) => k.id === id) ?? [])
  const horizon =
    plan && (plan.horizon.start || plan.horizon.end)
      ? `${plan.horizon.start ?? '…'} to ${plan.horizon.end ?? '…'}`
      : null
  const Icon = card.kind === 'hypothesis' ? HypothesisIcon : InitiativeIcon

  return (
    <article className={`bet-review kind-${card.kind}`} aria-labelledby={`bet-${card.id}`}>
      <div className="bet-main">
        <header className="bet-header">
          <span className={`kind kind-${card.kind}`}>
            <Icon size={14} /> {KIND_LABELS[card.kind]}
          </span>
          {stage && (
            <span className={`phase-badge phase-${stage.phase}`}>
              {PHASE_LABELS[stage.phase]} · {stage.name}
            </span>
          )}
          {ice !== null && (
            <span className="chip ice-chip">
              ICE <strong>{ice}</strong>
            </span>
          )}
        </header>
        <h3 id={`bet-${card.id}`} className="bet-title">
          <button type="button" className="link-button" onClick={() => onOpenCard(card.id)}>
            {card.title || 'Untitled card'}
          </button>
        </h3>
        {round?.proposedAt && (
          <p className="hint">
            Proposed{proposer ? ` by ${proposer.name}` : ''}{' '}
            <time dateTime={round.proposedAt} title={fullTime(round.proposedAt)}>
              {timeAgo(round.proposedAt)}
            </time>
          </p>
        )}
        {plan ? (
          <dl className="plan-summary">
            <PlanLine label="We believe">{plan.statement}</PlanLine>
            <PlanLine label="Expected impact">{plan.expectedImpact}</PlanLine>
            <PlanLine label="Horizon">{horizon}</PlanLine>
            <PlanLine label="Iterate / pivot / kill">{plan.triggers}</PlanLine>
          </dl>
        ) : null}
        {card.description.trim() && <p className="bet-description">{card.description}</p>}
        {!plan?.statement && !card.description.trim() && <p className="hint">No plan written yet.</p>}
        <div className="bet-facts">
          <div>
            <p className="field-label">Owners</p>
            {owners.length === 0 ? (
              <p className="hint">None</p>
            ) : (
              <ul className="bet-owners">
                {owners.map(([fn, personId]) => {
                  const person = board.people.find((p) => p.id === personId)
                  return (
                    <li key={fn}>
                      {person && <Avatar person={person} fn={fn} size="sm" />}
                      <span className="owner-name">{person?.name ?? 'Unknown person'}</span>
                      <span className="muted">·</span>
                      <FunctionTag fn={fn} />
                    </li>
                  )
                })}
              </ul>
            )}
          </div>
          <div>
            <p className="field-label">Moves KPIs</p>
            {kpis.length === 0 ? (
              <p className="hint">None linked</p>
            ) : (
              <ul className="chip-list">
                {kpis.map((k) => (
                  <li key={k.id} className="chip kpi-chip">
                    {k.name}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        {approval && <SignOffChips approval={approval} />}
      </div>
      {mine.length > 0 && (
        <div className="bet-decide">
          <DecideForm key={card.id} card={card} power={power} functions={mine} compact />
        </div>
      )}
    </article>
  )
}
