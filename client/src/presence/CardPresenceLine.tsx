// The detail panel's line on who else is on this card: "Maya Chen is editing Description · Ken Ito is
// viewing this card", with their avatars. A polite live region, so a screen reader hears arrivals.

import type { CSSProperties } from 'react'
import { initials } from '../cards/initials'
import { VisitorMark } from './CardVisitors'
import { describeVisitor, presenceSentence } from './describeVisitor'
import { useCardVisitors } from './usePresence'

export function CardPresenceLine({ cardId }: { cardId: string }) {
  const visitors = useCardVisitors(cardId)
  return (
    <div className="detail-presence" aria-live="polite" data-testid="card-presence">
      {visitors.length > 0 && (
        <>
          <ul className="detail-presence-avatars" aria-hidden="true">
            {visitors.slice(0, 4).map((v) => (
              <li
                key={v.key}
                className={`visitor is-${v.activity}`}
                style={{ '--person': v.color } as CSSProperties}
                title={describeVisitor(v)}
              >
                {initials(v.name)}
                <VisitorMark activity={v.activity} />
              </li>
            ))}
          </ul>
          <p>{presenceSentence(visitors)}</p>
        </>
      )}
    </div>
  )
}
