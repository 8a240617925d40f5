// The small icons drawn on every card (kind, and the details, edit and delete buttons), as one empty
// element each, painted by a CSS mask in the text colour. The same drawings as ui/icons.tsx, without
// their SVG nodes: on a board of 2,000 cards those were 30,000 of the page's 37,000 layout objects, and
// every layout, paint and hit test of a drag walked them. Each icon is one element made once and
// shared, not a component: a 2,000-card board then renders 8,000 fewer components when it opens.

import type { ReactElement } from 'react'

export type CardIconName = 'initiative' | 'hypothesis' | 'details' | 'edit' | 'delete'

const icon = (name: CardIconName) => <span className={`card-icon card-icon-${name}`} aria-hidden="true" />

export const CardIcon: Readonly<Record<CardIconName, ReactElement>> = {
  initiative: icon('initiative'),
  hypothesis: icon('hypothesis'),
  details: icon('details'),
  edit: icon('edit'),
  delete: icon('delete'),
}
