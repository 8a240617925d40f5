import { addCard, type Card, editCard, initBoard, readBoard, type Stage } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  findStage,
  indexAmongAll,
  itemsFromBoard,
  moveTo,
  placeOf,
  stageDropId,
  visibleItems,
} from './stageItems'

const items = { acquire: ['a', 'b'], activate: ['c'], engage: [] as string[] }

describe('stage items during a drag', () => {
  it('lists each stage’s card ids, the same list again while the stage’s card list is the same', () => {
    const doc = new Y.Doc()
    initBoard(doc, { title: 'Plan' })
    const a = addCard(doc, { kind: 'initiative', title: 'A', stageId: 'acquire' })
    addCard(doc, { kind: 'initiative', title: 'B', stageId: 'retain' })
    if (!a.ok) throw new Error(a.error)
    const board = readBoard(doc)
    const first = itemsFromBoard(board)
    expect(first.acquire).toEqual([a.value])
    expect(first.retain).toHaveLength(1)
    expect(first.engage).toEqual([])

    editCard(doc, a.value, { title: 'A2' })
    const next = readBoard(doc)
    // Retain's list is kept (as the session's shared reads keep it); Acquire's is a new one.
    const second = itemsFromBoard({
      ...next,
      cardsByStage: { ...next.cardsByStage, retain: board.cardsByStage.retain ?? [] },
    })
    expect(second.retain).toBe(first.retain)
    expect(second.acquire).not.toBe(first.acquire)
    expect(second.acquire).toEqual(first.acquire)
  })

  it('gives a stage whatever its id a list of its own, even one named like an object property', () => {
    const card = { id: 'x' } as Card
    const odd = itemsFromBoard({
      stages: [{ id: '__proto__' } as Stage],
      cardsByStage: Object.fromEntries([['__proto__', [card]]]),
    })
    expect(Object.entries(odd)).toEqual([['__proto__', ['x']]])
    expect(Object.entries(visibleItems(odd, () => true))).toEqual([['__proto__', ['x']]])
  })

  it('finds the stage of a card and of a column', () => {
    expect(findStage(items, 'c')).toBe('activate')
    expect(findStage(items, stageDropId('engage'))).toBe('engage')
    expect(findStage(items, 'zzz')).toBeNull()
  })

  it('moves the dragged card to an index among the other cards of a stage', () => {
    expect(moveTo(items, 'a', 'activate', 0)).toEqual({ acquire: ['b'], activate: ['a', 'c'], engage: [] })
    expect(moveTo(items, 'a', 'activate', 1)).toEqual({ acquire: ['b'], activate: ['c', 'a'], engage: [] })
    expect(moveTo(items, 'a', 'acquire', 1)).toEqual({ acquire: ['b', 'a'], activate: ['c'], engage: [] })
  })

  it('moves the dragged card into an empty stage, clamping the index to the stage', () => {
    expect(moveTo(items, 'b', 'engage', 5).engage).toEqual(['b'])
  })

  it('keeps the lists identical when the card is where it would go, and untouched lists always', () => {
    expect(moveTo(items, 'a', 'acquire', 0)).toBe(items)
    expect(moveTo(items, 'zzz', 'acquire', 0)).toBe(items)
    expect(moveTo(items, 'a', 'nowhere', 0)).toBe(items)
    expect(moveTo(items, 'a', 'activate', 0).engage).toBe(items.engage)
  })

  it('tells where a card is: stage, index among the others, and the stage’s count with it', () => {
    expect(placeOf(items, 'b')).toEqual({ stageId: 'acquire', index: 1, count: 2 })
    expect(placeOf(moveTo(items, 'a', 'engage', 0), 'a')).toEqual({ stageId: 'engage', index: 0, count: 1 })
    expect(placeOf(items, 'zzz')).toBeNull()
  })
})

describe('drops while non-matching cards are hidden', () => {
  const all = ['h1', 'a', 'h2', 'b', 'h3']
  const shown = (id: string) => !id.startsWith('h')

  it('keeps only the shown cards in each stage', () => {
    expect(visibleItems({ acquire: all, engage: [] }, shown)).toEqual({ acquire: ['a', 'b'], engage: [] })
  })

  it('places the card before the shown card it was dropped in front of', () => {
    expect(indexAmongAll(all, shown, 'x', 0)).toBe(1)
    expect(indexAmongAll(all, shown, 'x', 1)).toBe(3)
  })

  it('places the card after the last shown card, or at the end when none is shown', () => {
    expect(indexAmongAll(all, shown, 'x', 2)).toBe(4)
    expect(indexAmongAll(['h1', 'h2'], shown, 'x', 0)).toBe(2)
  })

  it('does not count the moved card itself', () => {
    expect(indexAmongAll(['a', 'h1', 'b'], shown, 'a', 1)).toBe(2)
  })
})
