// What a card shows: kind (icon and label), status, title, the parent initiative of a hypothesis,
// owner avatars by function, linked KPIs, the ICE score of a hypothesis and, for a bet up for
// sign-off (or decided), which functions signed off and why one declined. Memoised: structural
// sharing keeps unchanged cards identical, so a remote edit re-renders only the card it touched.

import { type Card, functionColor, iceScore, type Kpi, type Person } from '@tideboard/shared'
import { memo, type ReactNode } from 'react'
import type { CardApproval } from '../approvals/cardApprovals'
import { SignOffChips } from '../approvals/SignOffChips'
import type { CardComments } from '../comments/unseenMentions'
import { countRender } from '../state/renderCounts'
import { CommentIcon } from '../ui/icons'
import { CardIcon } from './CardIcon'
import { KIND_LABELS, STATUS_LABELS } from './cardLabels'
import { initials } from './initials'

export interface CardBodyProps {
  card: Card
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
  /** Sign-offs of a proposed, approved or declined card; null for others. */
  approval?: CardApproval | null
  /** How many comments, and unseen mentions of this person; null without comments. */
  comments?: CardComments | null
  /** The title of a hypothesis's parent initiative, shown as "↳ Parent". */
  parentTitle?: string | null
  /** Shown instead of the title while it is being edited. */
  titleEditor?: ReactNode
}

export const CardBody = memo(function CardBody({
  card,
  peopleById,
  kpisById,
  approval = null,
  comments = null,
  parentTitle = null,
  titleEditor,
}: CardBodyProps) {
  countRender(card.id)
  const ice = card.kind === 'hypothesis' ? iceScore(card.hypothesis) : null
  const owners = Object.entries(card.owners).flatMap(([fn, id]) => {
    const person = peopleById.get(id)
    return person ? [{ fn, person }] : []
  })
  const kpis = card.kpiIds.flatMap((id) => kpisById.get(id) ?? [])
  const plan = card.hypothesis
  return (
    <>
      <div className="card-top">
        <span className={`kind kind-${card.kind}`}>
          {CardIcon[card.kind]}
          {KIND_LABELS[card.kind]}
        </span>
        <span className={`status status-${card.status}`}>{STATUS_LABELS[card.status]}</span>
      </div>
      {titleEditor ?? <p className="card-title">{card.title || 'Untitled card'}</p>}
      {parentTitle !== null && (
        <p className="parent-line" title={`Part of the initiative ${parentTitle}`}>
          <span aria-hidden="true">↳ </span>
          <span className="sr-only">Part of </span>
          {parentTitle}
        </p>
      )}
      {owners.length > 0 || kpis.length > 0 || ice !== null || comments !== null ? (
        <div className="card-meta">
          {owners.length > 0 && (
            <ul className="avatars">
              {owners.map(({ fn, person }) => (
                <li
                  key={fn}
                  className="avatar"
                  style={{ background: functionColor(fn) }}
                  title={`${person.name} · ${fn}`}
                >
                  {initials(person.name)}
                </li>
              ))}
            </ul>
          )}
          {kpis.map((kpi) => (
            <span key={kpi.id} className="chip kpi-chip" title={`Linked KPI: ${kpi.name}`}>
              {kpi.name}
            </span>
          ))}
          {ice !== null && plan && (
            <span
              className="chip ice-chip"
              title={`ICE: impact ${plan.impact} × confidence ${plan.confidence} × ease ${plan.ease}`}
            >
              ICE <strong>{ice}</strong>
            </span>
          )}
          {comments && <CommentChips comments={comments} />}
        </div>
      ) : null}
      {approval && <SignOffChips approval={approval} />}
    </>
  )
})

/** The comment count and, when someone mentioned this person unseen, an "@" mark (text, not colour). */
function CommentChips({ comments }: { comments: CardComments }) {
  const { count, unseenMentions } = comments
  return (
    <>
      <span className="chip comment-chip" title={`${count} ${count === 1 ? 'comment' : 'comments'}`}>
        <CommentIcon size={13} />
        {count}
        <span className="sr-only"> {count === 1 ? 'comment' : 'comments'}</span>
      </span>
      {unseenMentions > 0 && (
        <span
          className="chip mention-chip"
          data-testid="mention-badge"
          title={`You were mentioned in ${unseenMentions === 1 ? 'a comment' : `${unseenMentions} comments`} you have not read`}
        >
          @
          <span className="sr-only">
            {' '}
            {unseenMentions === 1 ? 'a new mention' : `${unseenMentions} new mentions`} of you
          </span>
          {unseenMentions > 1 && <span aria-hidden="true">{unseenMentions}</span>}
        </span>
      )}
    </>
  )
}
