// The Activity view: who created, moved, edited, proposed, approved and declined what, and when,
// newest first, as the server recorded it from each person's token; filterable by person and card.
// Kept live: it refetches a moment after the board changes.

import type { Board } from '@tideboard/shared'
import { useId, useMemo } from 'react'
import { setQuery } from '../app/route'
import { ActivityFeed } from './ActivityFeed'
import type { ActivitySource } from './activitySource'
import { useActivity } from './useActivity'

export interface ActivityViewProps {
  board: Board
  source: ActivitySource
  search: string
  onOpenCard(cardId: string): void
}

/** The feed's filters live in the URL (`?who=` and `?about=`), so a filtered feed can be shared. */
function setFilter(key: 'who' | 'about', value: string): void {
  const q = new URLSearchParams(location.search)
  if (value === '') q.delete(key)
  else q.set(key, value)
  setQuery(q)
}

export function ActivityView({ board, source, search, onOpenCard }: ActivityViewProps) {
  const id = useId()
  const params = new URLSearchParams(search)
  const who = params.get('who') ?? ''
  const about = params.get('about') ?? ''
  const filter = useMemo(
    () => ({ ...(who ? { memberId: who } : {}), ...(about ? { cardId: about } : {}) }),
    [who, about],
  )
  const feed = useActivity(source, filter, 50)
  const cardIds = useMemo(() => new Set(board.cards.map((c) => c.id)), [board.cards])
  const cards = useMemo(() => [...board.cards].sort((a, b) => a.title.localeCompare(b.title)), [board.cards])

  return (
    <div className="activity-view">
      <header className="view-header">
        <div>
          <h2 className="view-title">Activity</h2>
          <p className="hint">
            Everything that happened on this board, newest first. Names come from each person’s own invite,
            not from what a browser claims.
          </p>
        </div>
      </header>
      <div className="view-filters" role="group" aria-label="Filter activity">
        <label className="field" htmlFor={`${id}-who`}>
          <span className="field-label">Person</span>
          <select
            id={`${id}-who`}
            className="input"
            value={who}
            onChange={(e) => setFilter('who', e.target.value)}
          >
            <option value="">Everyone</option>
            {board.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-about`}>
          <span className="field-label">Card</span>
          <select
            id={`${id}-about`}
            className="input"
            value={about}
            onChange={(e) => setFilter('about', e.target.value)}
          >
            <option value="">Any card</option>
            {cards.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title || 'Untitled card'}
              </option>
            ))}
          </select>
        </label>
      </div>
      <section className="panel activity-panel">
        <ActivityFeed
          feed={feed}
          label="Board activity"
          empty={
            who || about ? 'Nothing matches these filters yet.' : 'Nothing has happened on this board yet.'
          }
          onOpenCard={onOpenCard}
          cardIds={cardIds}
        />
      </section>
    </div>
  )
}
