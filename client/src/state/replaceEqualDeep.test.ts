import { addCard, editCard, initBoard, moveCard, readBoard } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { replaceEqualDeep } from './replaceEqualDeep'

describe('replaceEqualDeep', () => {
  it('keeps unchanged cards identical when another card is edited', () => {
    const doc = new Y.Doc()
    initBoard(doc, { title: 'Plan' })
    const a = addCard(doc, { kind: 'initiative', title: 'A', stageId: 'acquire' })
    const b = addCard(doc, { kind: 'hypothesis', title: 'B', stageId: 'retain' })
    if (!a.ok || !b.ok) throw new Error('setup failed')
    const before = readBoard(doc)
    editCard(doc, a.value, { title: 'A2' })
    const after = replaceEqualDeep(before, readBoard(doc))

    const cardB = (board: typeof before) => board.cards.find((c) => c.id === b.value)
    expect(cardB(after)).toBe(cardB(before))
    expect(after.cardsByStage.retain).toBe(before.cardsByStage.retain)
    expect(after.stages).toBe(before.stages)
    expect(after.cards.find((c) => c.id === a.value)?.title).toBe('A2')
    expect(after).not.toBe(before)
  })

  it('keeps the cards a move shifts identical: records are matched by id, not by place', () => {
    const doc = new Y.Doc()
    initBoard(doc, { title: 'Plan' })
    const ids: string[] = []
    for (const title of ['A', 'B', 'C', 'D', 'E']) {
      const added = addCard(doc, { kind: 'initiative', title, stageId: 'acquire' })
      if (!added.ok) throw new Error(added.error)
      ids.push(added.value)
    }
    addCard(doc, { kind: 'initiative', title: 'F', stageId: 'activate' })
    const before = readBoard(doc)
    // The first card of Acquire goes to the end of Activate: every other Acquire card moves up one
    // place in both the stage's list and the board's.
    const moved = before.cardsByStage.acquire?.[0]?.id ?? ''
    moveCard(doc, { cardId: moved, toStageId: 'activate', index: 1 })
    const after = replaceEqualDeep(before, readBoard(doc))

    expect(after.cardsByStage.activate?.map((c) => c.title)).toEqual(['F', 'A'])
    const old = new Map(before.cards.map((c) => [c.id, c]))
    for (const card of after.cards) {
      if (card.id === moved) expect(card).not.toBe(old.get(card.id))
      else expect(card, card.title).toBe(old.get(card.id))
    }
    for (const card of after.cardsByStage.acquire ?? []) expect(card, card.title).toBe(old.get(card.id))
    expect(after.cardsByStage.activate?.[0]).toBe(old.get(before.cardsByStage.activate?.[0]?.id ?? ''))
  })

  it('matches records by id only when they are equal: a list of other records is not shared', () => {
    const prev = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]
    const next = [
      { id: 'b', n: 2 },
      { id: 'a', n: 3 },
      { id: 'c', n: 4 },
    ]
    const shared = replaceEqualDeep(prev, next)
    expect(shared).toEqual(next)
    expect(shared[0]).toBe(prev[1])
    expect(shared[1]).not.toBe(prev[0])
    // Items without ids are still compared by place.
    const plain = [[1], [2]]
    expect(replaceEqualDeep(plain, [[2], [1]])).toEqual([[2], [1]])
    expect(replaceEqualDeep(plain, [[1], [3]])[0]).toBe(plain[0])
  })

  it('returns the previous value when nothing changed', () => {
    const prev = { list: [1, { x: 'y' }], n: null }
    expect(replaceEqualDeep(prev, { list: [1, { x: 'y' }], n: null })).toBe(prev)
  })

  it('treats added and removed keys as changes', () => {
    const prev: Record<string, number> = { a: 1 }
    expect(replaceEqualDeep(prev, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 })
    expect(replaceEqualDeep({ a: 1, b: 2 }, prev)).toEqual({ a: 1 })
  })
})
