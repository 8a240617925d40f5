// Board | List | KPIs: real links (open in a new tab works), switched in place with a history entry.

import { setQuery } from '../app/route'
import { queryWithView, VIEWS, type ViewId } from './boardViews'

export function ViewSwitch({ view, search }: { view: ViewId; search: string }) {
  return (
    <nav className="view-switch" aria-label="Views">
      {VIEWS.map((v) => {
        const q = queryWithView(search, v.id)
        q.delete('card')
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
          </a>
        )
      })}
    </nav>
  )
}
