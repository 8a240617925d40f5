// Board filters: by function, owner, KPI, status, kind, tag and free text. Values inside one facet
// widen the match (any of), facets narrow it (all of). Filters round-trip through a URL query string so
// a shared link opens the same view.

import type { Board } from './board.js'
import { CARD_KINDS, CARD_STATUSES, type Card, type CardKind, type CardStatus } from './records/card.js'
import { kpiSubtree } from './rollup.js'

export interface BoardFilter {
  functions: string[]
  owners: string[]
  kpis: string[]
  statuses: CardStatus[]
  kinds: CardKind[]
  tags: string[]
  text: string
  /** Dim non-matching cards (false) or hide them (true). */
  hide: boolean
}

export const EMPTY_FILTER: BoardFilter = {
  functions: [],
  owners: [],
  kpis: [],
  statuses: [],
  kinds: [],
  tags: [],
  text: '',
  hide: false,
}

export function isFilterActive(f: BoardFilter): boolean {
  return (
    f.functions.length +
      f.owners.length +
      f.kpis.length +
      f.statuses.length +
      f.kinds.length +
      f.tags.length >
      0 || f.text.trim() !== ''
  )
}

const norm = (s: string) => s.toLocaleLowerCase().normalize('NFKD')

/** A predicate over the board's cards; build once per filter change, call per card. */
export function cardMatcher(board: Board, f: BoardFilter): (card: Card) => boolean {
  if (!isFilterActive(f)) return () => true
  const kpiSets = f.kpis.map((k) => kpiSubtree(board.kpis, k))
  const people = new Map(board.people.map((p) => [p.id, p]))
  const kpiNames = new Map(board.kpis.map((k) => [k.id, k.name]))
  const words = norm(f.text).split(/\s+/).filter(Boolean)
  return (card) => {
    if (f.kinds.length && !f.kinds.includes(card.kind)) return false
    if (f.statuses.length && !f.statuses.includes(card.status)) return false
    if (f.functions.length && !Object.keys(card.owners).some((fn) => f.functions.includes(fn))) return false
    if (f.owners.length && !Object.values(card.owners).some((p) => f.owners.includes(p))) return false
    if (kpiSets.length && !card.kpiIds.some((k) => kpiSets.some((set) => set.has(k)))) return false
    if (f.tags.length && !card.tags.some((t) => f.tags.includes(t))) return false
    if (words.length) {
      const haystack = norm(
        [
          card.title,
          card.description,
          card.tags.join(' '),
          card.hypothesis?.statement ?? '',
          ...Object.values(card.owners).map((p) => people.get(p)?.name ?? ''),
          ...card.kpiIds.map((k) => kpiNames.get(k) ?? ''),
        ].join(' '),
      )
      if (!words.every((w) => haystack.includes(w))) return false
    }
    return true
  }
}

const LIST_KEYS = ['function', 'owner', 'kpi', 'status', 'kind', 'tag'] as const

/** The filter as URL query parameters (repeatable keys), leaving other parameters alone. */
export function filterToQuery(
  f: BoardFilter,
  base: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const q = new URLSearchParams(base)
  for (const key of [...LIST_KEYS, 'q', 'hide']) q.delete(key)
  for (const v of f.functions) q.append('function', v)
  for (const v of f.owners) q.append('owner', v)
  for (const v of f.kpis) q.append('kpi', v)
  for (const v of f.statuses) q.append('status', v)
  for (const v of f.kinds) q.append('kind', v)
  for (const v of f.tags) q.append('tag', v)
  if (f.text.trim()) q.set('q', f.text.trim())
  if (f.hide) q.set('hide', '1')
  return q
}

/** Reads a filter back from a query string; unknown statuses and kinds are dropped. */
export function filterFromQuery(query: URLSearchParams | string): BoardFilter {
  const q = typeof query === 'string' ? new URLSearchParams(query) : query
  const distinct = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))]
  return {
    functions: distinct(q.getAll('function')),
    owners: distinct(q.getAll('owner')),
    kpis: distinct(q.getAll('kpi')),
    statuses: distinct(q.getAll('status')).filter((s): s is CardStatus =>
      (CARD_STATUSES as readonly string[]).includes(s),
    ),
    kinds: distinct(q.getAll('kind')).filter((k): k is CardKind =>
      (CARD_KINDS as readonly string[]).includes(k),
    ),
    tags: distinct(q.getAll('tag')),
    text: (q.get('q') ?? '').slice(0, 200),
    hide: q.get('hide') === '1',
  }
}
