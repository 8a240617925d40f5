// The views of a board, named in the URL (`?view=kpis`) so a link opens the same one. Members is the
// owner's alone: for anyone else it is not in the nav, and its URL shows the board.

import type { Role } from '../api/boardsApi'

export const VIEWS = [
  { id: 'board', label: 'Board', ownerOnly: false },
  { id: 'list', label: 'List', ownerOnly: false },
  { id: 'kpis', label: 'KPIs', ownerOnly: false },
  { id: 'approvals', label: 'Approvals', ownerOnly: false },
  { id: 'activity', label: 'Activity', ownerOnly: false },
  { id: 'versions', label: 'Versions', ownerOnly: false },
  { id: 'members', label: 'Members', ownerOnly: true },
] as const

export type ViewId = (typeof VIEWS)[number]['id']

export function viewsFor(role: Role): (typeof VIEWS)[number][] {
  return VIEWS.filter((v) => !v.ownerOnly || role === 'owner')
}

export function viewFromQuery(search: string, role: Role = 'viewer'): ViewId {
  const view = new URLSearchParams(search).get('view')
  return viewsFor(role).find((v) => v.id === view)?.id ?? 'board'
}

/** The query with `view` set (the board view is the default and is left out of the URL). */
export function queryWithView(search: string, view: ViewId): URLSearchParams {
  const q = new URLSearchParams(search)
  // An open version belongs to the Versions view; another view starts without one.
  if (view !== 'versions') q.delete('version')
  if (view === 'board') q.delete('view')
  else q.set('view', view)
  return q
}
