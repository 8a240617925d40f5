// A list of activity entries: "Name did what · time ago", newest first, with Load more for older
// entries and loading, empty and error states. Used by the Activity view and the card panel.

import { useEffect, useState } from 'react'
import type { ActivityEntry } from '../api/activityApi'
import { fullTime, timeAgo } from '../ui/timeAgo'
import type { ActivityState } from './useActivity'

const MARKS: Record<string, string> = {
  created: '+',
  deleted: '−',
  moved: '→',
  reordered: '↕',
  status: '●',
  edited: '✎',
  restored: '↺',
}

function mark(entry: ActivityEntry): string {
  if (entry.kind === 'decided') return entry.verdict === 'decline' ? '✗' : '✓'
  return MARKS[entry.kind] ?? '•'
}

/** Re-renders every half minute so "2 minutes ago" stays true on a screen left open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

export interface ActivityFeedProps {
  feed: ActivityState
  label: string
  empty: string
  onOpenCard?: ((cardId: string) => void) | undefined
  /** Card ids still on the board (entries for deleted cards are not links). */
  cardIds?: ReadonlySet<string>
}

export function ActivityFeed({ feed, label, empty, onOpenCard, cardIds }: ActivityFeedProps) {
  const now = useNow()
  if (feed.loading && feed.entries.length === 0) {
    return (
      <p className="hint activity-loading" role="status">
        <span className="spinner small" aria-hidden="true" /> Loading activity…
      </p>
    )
  }
  return (
    <div className="activity">
      {feed.error && (
        <p className="field-error" role="alert">
          {feed.error}{' '}
          <button type="button" className="link-button" onClick={feed.reload}>
            Try again
          </button>
        </p>
      )}
      {feed.entries.length === 0 && !feed.error ? (
        <p className="hint">{empty}</p>
      ) : (
        <ol className="activity-list" aria-label={label}>
          {feed.entries.map((e) => (
            <li
              key={e.id}
              className={`activity-row activity-${e.kind}${e.verdict ? ` activity-${e.verdict}` : ''}`}
            >
              <span className="activity-mark" aria-hidden="true">
                {mark(e)}
              </span>
              <span className="activity-line">
                <strong className="activity-actor">{e.actor.name}</strong> {e.line}
                {onOpenCard && e.cardId && cardIds?.has(e.cardId) && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button activity-open"
                      onClick={() => e.cardId && onOpenCard(e.cardId)}
                    >
                      Open<span className="sr-only"> {e.cardTitle}</span>
                    </button>
                  </>
                )}
              </span>
              <time className="activity-time" dateTime={e.at} title={fullTime(e.at)}>
                {timeAgo(e.at, now)}
              </time>
            </li>
          ))}
        </ol>
      )}
      {feed.hasMore && (
        <button type="button" className="button small" disabled={feed.loadingMore} onClick={feed.loadMore}>
          {feed.loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  )
}
