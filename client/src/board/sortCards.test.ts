import { addCard, initBoard, readBoard, updateCard } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sortCards, sortFromQuery, sortToQuery } from './sortCards'

/** Cards as readBoard returns them, built through the shared ops like any client would. */
function boardWith(
  specs: { id: string; kind?: 'initiative' | 'hypothesis'; ice?: [number, number, number] }[],
) {
  const doc = new Y.Doc()
  initBoard(doc, { title: 'Sort' })
  for (const s of specs) {
    addCard(doc, { id: s.id, kind: s.kind ?? 'hypothesis', title: s.id, stageId: 'acquire' })
    if (s.ice) {
      const [impact, confidence, ease] = s.ice
      updateCard(doc, s.id, { hypothesis: { impact, confidence, ease } })
    }
  }
  return readBoard(doc)
}

describe('sortCards', () => {
  const board = boardWith([
    { id: 'low', ice: [2, 2, 2] },
    { id: 'unscored' },
    { id: 'initiative', kind: 'initiative' },
    { id: 'high', ice: [8, 7, 6] },
    { id: 'mid', ice: [5, 5, 5] },
  ])
  const cards = board.cards

  it('ranks hypotheses by ICE, highest first when descending, unscored cards last either way', () => {
    expect(sortCards(board, cards, { key: 'ice', dir: 'desc' }).map((c) => c.id)).toEqual([
      'high',
      'mid',
      'low',
      'unscored',
      'initiative',
    ])
    expect(sortCards(board, cards, { key: 'ice', dir: 'asc' }).map((c) => c.id)).toEqual([
      'low',
      'mid',
      'high',
      'unscored',
      'initiative',
    ])
  })

  it('keeps board order for equal values and in the default sort', () => {
    expect(sortCards(board, cards, { key: 'kind', dir: 'asc' }).map((c) => c.id)).toEqual([
      'low',
      'unscored',
      'high',
      'mid',
      'initiative',
    ])
    expect(sortCards(board, [...cards].reverse(), { key: 'board', dir: 'asc' })).toEqual(cards)
  })

  it('keeps the sort in the URL next to other parameters', () => {
    const q = sortToQuery({ key: 'ice', dir: 'desc' }, '?view=list&status=idea')
    expect(q.toString()).toBe('view=list&status=idea&sort=ice&dir=desc')
    expect(sortFromQuery(`?${q}`)).toEqual({ key: 'ice', dir: 'desc' })
    expect(sortFromQuery('?sort=nonsense')).toEqual({ key: 'board', dir: 'asc' })
  })
})
