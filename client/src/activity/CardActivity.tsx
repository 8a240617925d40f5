// A card's own activity in its detail panel: the newest entries about it, live, with Load more.

import { useId, useMemo } from 'react'
import { ActivityFeed } from './ActivityFeed'
import type { ActivitySource } from './activitySource'
import { useActivity } from './useActivity'

export function CardActivity({ cardId, source }: { cardId: string; source: ActivitySource }) {
  const id = useId()
  const filter = useMemo(() => ({ cardId }), [cardId])
  const feed = useActivity(source, filter, 10)
  return (
    <section className="detail-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="detail-heading">
        Activity
      </h3>
      <ActivityFeed feed={feed} label="Card activity" empty="Nothing recorded for this card yet." />
    </section>
  )
}
