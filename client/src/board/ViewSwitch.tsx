// Board | List | KPIs | Approvals | Activity | Versions (| Members for the owner): real links (open in a new tab
// works), switched in place with a history entry. Approvals carries how many bets wait for this
// person's sign-off.

import type { Role } from '../api/boardsApi'
import { setQuery } from '../app/route'
import { queryWithView, type ViewId, viewsFor } from './boardViews'

export function ViewSwitch({
  view,
  search,
  role,
  waiting = 0,
}: {
  view: ViewId
  search: string
  role: Role
  /** Bets waiting for this person's sign-off. */
  waiting?: number
}) {
  return (
    <nav className="view-switch" aria-label="Views">
      {viewsFor(role).map((v) => {
        const q = queryWithView(search, v.id)
        q.delete('card')
        // The Versions link always leads to the list, also from an open version.
        q.delete('version')
        if (v.id !== 'activity') {
          q.delete('who')
          q.delete('about')
        }
        const href = `${location.pathname}${q.size ? `?${q}` : ''}`
        return (
          <a
            key={v.id}
            href={href}
            className={`view-link${v.id === view ? ' is-current' : ''}`}
            aria-current={v.id === view ? 'page' : undefined}
            data-view={v.id}
            onClick={(e) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
              e.preventDefault()
              setQuery(q, { push: true })
            }}
          >
            {v.label}
            {v.id === 'approvals' && waiting > 0 && (
              <span className="count-badge" title={`${waiting} waiting for your sign-off`}>
                {waiting}
                <span className="sr-only"> waiting for your sign-off</span>
              </span>
            )}
          </a>
        )
      })}
    </nav>
  )
}
