// Sorting the list view's cards by a column. Board order breaks ties, and cards without a value (an
// unscored hypothesis, an initiative's ICE) always sort last, whichever the direction.

import { type Board, CARD_STATUSES, type Card, iceScore } from '@tideboard/shared'

export const SORT_KEYS = ['board', 'title', 'kind', 'stage', 'status', 'ice'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export type SortDir = 'asc' | 'desc'

export interface CardSort {
  key: SortKey
  dir: SortDir
}

export function sortFromQuery(search: string): CardSort {
  const q = new URLSearchParams(search)
  const key = SORT_KEYS.find((k) => k === q.get('sort')) ?? 'board'
  const dir: SortDir = q.get('dir') === 'desc' ? 'desc' : 'asc'
  return { key, dir }
}

export function sortToQuery(sort: CardSort, search: string): URLSearchParams {
  const q = new URLSearchParams(search)
  if (sort.key === 'board') {
    q.delete('sort')
    q.delete('dir')
  } else {
    q.set('sort', sort.key)
    q.set('dir', sort.dir)
  }
  return q
}

export function sortCards(
  board: Pick<Board, 'cards' | 'stages'>,
  cards: readonly Card[],
  sort: CardSort,
): Card[] {
  const boardIndex = new Map(board.cards.map((c, i) => [c.id, i]))
  const stageIndex = new Map(board.stages.map((s, i) => [s.id, i]))
  const value = (c: Card): string | number | null => {
    switch (sort.key) {
      case 'board':
        return boardIndex.get(c.id) ?? 0
      case 'title':
        return c.title.toLocaleLowerCase()
      case 'kind':
        return c.kind
      case 'stage':
        return stageIndex.get(c.stageId) ?? 0
      case 'status':
        return CARD_STATUSES.indexOf(c.status)
      case 'ice':
        return c.kind === 'hypothesis' ? iceScore(c.hypothesis) : null
    }
  }
  const sign = sort.dir === 'desc' ? -1 : 1
  return [...cards].sort((a, b) => {
    const va = value(a)
    const vb = value(b)
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1
    } else if (va !== vb) {
      return (
        (typeof va === 'string' && typeof vb === 'string' ? va.localeCompare(vb) : va < vb ? -1 : 1) * sign
      )
    }
    return (boardIndex.get(a.id) ?? 0) - (boardIndex.get(b.id) ?? 0)
  })
}
