// Small avatars on a card for the people on it right now: an eye for viewing it in their panel, a
// pencil for editing one of its fields (named in the tooltip and for screen readers). Subscribes to
// this card's visitors only, so nothing else on the board re-renders when they change.

import { type CSSProperties, memo } from 'react'
import { initials } from '../cards/initials'
import { describeVisitor } from './describeVisitor'
import type { CardVisitor } from './peopleHere'
import { useCardVisitors } from './usePresence'

const SHOWN = 3

export function VisitorMark({ activity }: { activity: CardVisitor['activity'] }) {
  return (
    <svg className="visitor-mark" viewBox="0 0 24 24" width="10" height="10" aria-hidden="true">
      {activity === 'editing' ? (
        <path d="M4 20h4L19 9l-4-4L4 16v4Z" fill="currentColor" />
      ) : (
        <>
          <path d="M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12Z" fill="currentColor" />
          <circle cx="12" cy="12" r="3" fill="#fff" />
        </>
      )}
    </svg>
  )
}

export const CardVisitors = memo(function CardVisitors({ cardId }: { cardId: string }) {
  const visitors = useCardVisitors(cardId)
  if (visitors.length === 0) return null
  const shown = visitors.slice(0, SHOWN)
  const more = visitors.length - shown.length
  return (
    <ul className="card-visitors" aria-label="Here now" data-testid="card-visitors">
      {shown.map((v) => (
        <li
          key={v.key}
          className={`visitor is-${v.activity}`}
          style={{ '--person': v.color } as CSSProperties}
          title={describeVisitor(v)}
          data-person={v.key}
        >
          <span aria-hidden="true">{initials(v.name)}</span>
          <VisitorMark activity={v.activity} />
          <span className="sr-only">{describeVisitor(v)}</span>
        </li>
      ))}
      {more > 0 && (
        <li className="visitor visitor-more" title={visitors.slice(SHOWN).map(describeVisitor).join('\n')}>
          +{more}
          <span className="sr-only"> more</span>
        </li>
      )}
    </ul>
  )
})
