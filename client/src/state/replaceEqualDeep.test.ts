import { addCard, editCard, initBoard, readBoard } from '@tideboard/shared'
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
