// The "Mentions" bell in the top bar: how many comments mention this person that they have not seen,
// and a list of them; choosing one opens its card (which marks it seen). Count in text, not colour.

import type { Comment } from '@tideboard/shared'
import { BellIcon } from '../ui/icons'
import { Popover } from '../ui/Popover'
import { timeAgo } from '../ui/timeAgo'
import { useNow } from '../ui/useNow'

export interface MentionsMenuProps {
  /** Unseen mentions of this person, newest first. */
  mentions: readonly Comment[]
  cardTitle(cardId: string): string | null
  /** Opens the card with this comment in view. */
  onOpenComment(cardId: string, commentId: string): void
}

const EXCERPT = 90

export function MentionsMenu({ mentions, cardTitle, onOpenComment }: MentionsMenuProps) {
  const now = useNow()
  const count = mentions.length
  const shown = mentions.filter((c) => cardTitle(c.cardId) !== null)
  return (
    <Popover
      className="mentions-menu"
      summaryClassName={`button mentions-button${count > 0 ? ' has-unseen' : ''}`}
      summary={
        <>
          <BellIcon /> Mentions
          {count > 0 ? (
            <span className="count-badge" data-testid="mention-count">
              {count}
              <span className="sr-only"> new</span>
            </span>
          ) : (
            <span className="sr-only">, none new</span>
          )}
        </>
      }
    >
      <div className="mentions-popover">
        <p className="mentions-title">{count > 0 ? 'New mentions of you' : 'No new mentions'}</p>
        {shown.length === 0 ? (
          <p className="hint">When someone writes @ and your name in a comment, it shows here.</p>
        ) : (
          <ul className="mentions-list" aria-label="New mentions of you">
            {shown.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="menu-item mention-item"
                  onClick={(e) => {
                    const details = e.currentTarget.closest('details')
                    if (details) details.open = false
                    onOpenComment(c.cardId, c.id)
                  }}
                >
                  <span className="mention-item-line">
                    <strong>{c.authorName}</strong> on <strong>{cardTitle(c.cardId)}</strong>
                    <span className="mention-item-time"> · {timeAgo(c.createdAt, now)}</span>
                  </span>
                  <span className="mention-item-text">
                    {c.text.length > EXCERPT ? `${c.text.slice(0, EXCERPT)}…` : c.text}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Popover>
  )
}
