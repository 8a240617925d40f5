// One stage of the funnel: a region (a <section> with a name) named after the stage, with its heading, card count, cards and
// (for editors) the "Add card" control. The editable funnel binds its drop target to the section
// (found by data-stage-id) and marks it data-drop-over while a card is dragged over it.

import type { Stage } from '@tideboard/shared'
import type { ReactNode } from 'react'

export interface StageColumnProps {
  stage: Stage
  count: number
  /** With a filter active: how many of the stage's cards match, and how many it holds in all. */
  matching?: number | null
  total?: number
  children: ReactNode
  footer?: ReactNode
}

export function StageColumn({
  stage,
  count,
  matching = null,
  total = count,
  children,
  footer,
}: StageColumnProps) {
  const headingId = `stage-${stage.id}-heading`
  return (
    <section aria-label={stage.name} className="stage" data-stage-id={stage.id}>
      <header className="stage-header">
        <h3 id={headingId} className="stage-name">
          {stage.name}
        </h3>
        {matching === null ? (
          <span className="stage-count">
            {count}
            <span className="sr-only">{count === 1 ? ' card' : ' cards'}</span>
          </span>
        ) : (
          <span className="stage-count is-filtered" title={`${matching} of ${total} cards match the filters`}>
            {matching}
            <span className="stage-count-total">/{total}</span>
            <span className="sr-only"> cards match</span>
          </span>
        )}
      </header>
      <ul className="card-list" aria-labelledby={headingId}>
        {children}
      </ul>
      {footer}
    </section>
  )
}
