import { describe, expect, test } from 'vitest'
import { readBoard } from '../board.js'
import { boardDoc, cardRecord } from '../testSupport/boardDoc.js'
import { addCard } from './addCard.js'
import { deleteCard } from './deleteCard.js'

describe('deleteCard', () => {
  test('removes the card from the board and its stage', () => {
    const doc = boardDoc()
    addCard(doc, { kind: 'initiative', title: 'a', stageId: 'acquire', id: 'a' })
    addCard(doc, { kind: 'initiative', title: 'b', stageId: 'acquire', id: 'b' })
    expect(deleteCard(doc, 'a')).toEqual({ ok: true, value: undefined })
    const board = readBoard(doc)
    expect(board.cards.map((c) => c.id)).toEqual(['b'])
    expect(board.cardsByStage.acquire!.map((c) => c.id)).toEqual(['b'])
  })

  test('refuses an unknown card', () => {
    expect(deleteCard(boardDoc(), 'ghost')).toEqual({ ok: false, error: 'unknown card ghost' })
  })

  test('a hypothesis whose parent initiative was deleted stays on the board without a parent', () => {
    const doc = boardDoc()
    addCard(doc, { kind: 'initiative', title: 'parent', stageId: 'acquire', id: 'p' })
    addCard(doc, { kind: 'hypothesis', title: 'child', stageId: 'acquire', id: 'h' })
    cardRecord(doc, 'h').set('parentId', 'p')
    expect(readBoard(doc).cards.find((c) => c.id === 'h')!.parentId).toBe('p')
    deleteCard(doc, 'p')
    const board = readBoard(doc)
    expect(board.cards.find((c) => c.id === 'h')!.parentId).toBeNull()
    expect(board.repairs.some((r) => r.includes('card h.parentId'))).toBe(true)
  })
})
