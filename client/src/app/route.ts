// The app's two screens and how URLs map to them. No router library: two routes do not need one.

export type Route = { name: 'landing' } | { name: 'board'; boardId: string } | { name: 'notFound' }

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'landing' }
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (match?.[1]) {
    try {
      return { name: 'board', boardId: decodeURIComponent(match[1]) }
    } catch {
      return { name: 'notFound' }
    }
  }
  return { name: 'notFound' }
}

/** The board id and token in an invite link (`/b/<id>#token=<token>`), or null. */
export function parseInviteUrl(url: string): { boardId: string; token: string } | null {
  let parsed: URL
  try {
    parsed = new URL(url, location.origin)
  } catch {
    return null
  }
  const route = parseRoute(parsed.pathname)
  const token = tokenFromHash(parsed.hash)
  return route.name === 'board' && token ? { boardId: route.boardId, token } : null
}

export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')
  return token && token.trim() !== '' ? token.trim() : null
}

const listeners = new Set<() => void>()

export function navigate(path: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', path)
  else history.pushState(null, '', path)
  for (const l of listeners) l()
}

/**
 * Sets the query string of the current page (views, filters, the open card) without a reload. The
 * path and any `#token=` fragment stay as they are. `push` adds a history entry (a view switch);
 * otherwise the entry is replaced (typing in a filter must not flood the back button).
 */
export function setQuery(query: URLSearchParams, { push = false } = {}): void {
  const search = query.toString()
  const url = `${location.pathname}${search ? `?${search}` : ''}${location.hash}`
  if (url === `${location.pathname}${location.search}${location.hash}`) return
  if (push) history.pushState(history.state, '', url)
  else history.replaceState(history.state, '', url)
  for (const l of listeners) l()
}

export function subscribeLocation(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}
