// A card for viewers: focusable and named by its title so it can be read and navigated, with no
// drag, edit or delete affordances at all.

import type { Card, Kpi, Person } from '@tideboard/shared'
import { memo } from 'react'
import { CardBody } from './CardBody'
import { cardAriaLabel } from './cardAriaLabel'

export interface StaticCardProps {
  card: Card
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
}

export const StaticCard = memo(function StaticCard({ card, peopleById, kpisById }: StaticCardProps) {
  return (
    <li className="card-slot">
      <article
        className={`card kind-${card.kind}`}
        data-card-id={card.id}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: cards are reachable by keyboard for reading
        tabIndex={0}
        aria-label={cardAriaLabel(card, peopleById, kpisById)}
      >
        <CardBody card={card} peopleById={peopleById} kpisById={kpisById} />
      </article>
    </li>
  )
})
