// A card for viewers: focusable and named by its title so it can be read and navigated, with no
// drag, edit or delete affordances at all. Enter, O or a double click opens its (read-only) details.

import type { Card, Kpi, Person } from '@tideboard/shared'
import { memo } from 'react'
import type { CardApproval } from '../approvals/cardApprovals'
import type { CardComments } from '../comments/unseenMentions'
import { CardVisitors } from '../presence/CardVisitors'
import { CardBody } from './CardBody'
import { CardIcon } from './CardIcon'
import { cardAriaLabel } from './cardAriaLabel'

export interface StaticCardProps {
  card: Card
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
  /** Sign-offs of a proposed, approved or declined card. */
  approval: CardApproval | null
  /** How many comments, and unseen mentions of this person; null without comments. */
  comments: CardComments | null
  parentTitle: string | null
  dimmed: boolean
  onOpen(cardId: string): void
}

export const StaticCard = memo(function StaticCard({
  card,
  peopleById,
  kpisById,
  approval,
  comments,
  parentTitle,
  dimmed,
  onOpen,
}: StaticCardProps) {
  return (
    <li className={`card-slot${dimmed ? ' is-dimmed' : ''}`}>
      <article
        className={`card kind-${card.kind}`}
        data-card-id={card.id}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: cards are reachable by keyboard for reading
        tabIndex={0}
        aria-label={cardAriaLabel(card, peopleById, kpisById, parentTitle, approval, comments)}
        aria-keyshortcuts="Enter O"
        onKeyDown={(e) => {
          if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return
          if (e.key === 'Enter' || e.key === 'o' || e.key === 'O') {
            e.preventDefault()
            onOpen(card.id)
          }
        }}
        onDoubleClick={() => onOpen(card.id)}
      >
        <CardBody
          card={card}
          peopleById={peopleById}
          kpisById={kpisById}
          approval={approval}
          comments={comments}
          parentTitle={parentTitle}
        />
      </article>
      <CardVisitors cardId={card.id} />
      <div className="card-actions">
        <button
          type="button"
          className="icon-button"
          aria-label="Open details"
          title="Open details (Enter)"
          onClick={() => onOpen(card.id)}
        >
          {CardIcon.details}
        </button>
      </div>
    </li>
  )
})
