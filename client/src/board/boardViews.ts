// The views of a board, named in the URL (`?view=kpis`) so a link opens the same one. New views
// (Approvals, Activity) are one more entry here and one more case in BoardView.

export const VIEWS = [
  { id: 'board', label: 'Board' },
  { id: 'list', label: 'List' },
  { id: 'kpis', label: 'KPIs' },
] as const

export type ViewId = (typeof VIEWS)[number]['id']

export function viewFromQuery(search: string): ViewId {
  const view = new URLSearchParams(search).get('view')
  return VIEWS.find((v) => v.id === view)?.id ?? 'board'
}

/** The query with `view` set (the board view is the default and is left out of the URL). */
export function queryWithView(search: string, view: ViewId): URLSearchParams {
  const q = new URLSearchParams(search)
  if (view === 'board') q.delete('view')
  else q.set('view', view)
  return q
}
