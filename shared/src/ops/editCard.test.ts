import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from '../board.js'
import { boardDoc, cardRecord } from '../testSupport/boardDoc.js'
import { addCard } from './addCard.js'
import { editCard } from './editCard.js'

function oneCard(kind: 'initiative' | 'hypothesis' = 'initiative'): Y.Doc {
  const doc = boardDoc()
  addCard(doc, { kind, title: 'Original', stageId: 'acquire', id: 'c1' })
  return doc
}

describe('editCard', () => {
  test('changes the title (cleaned) and records who edited it and when', () => {
    const doc = oneCard()
    const now = new Date('2026-11-02T10:00:00Z')
    expect(editCard(doc, 'c1', { title: '  New   title ' }, 'priya', null, now)).toEqual({
      ok: true,
      value: undefined,
    })
    expect(readBoard(doc).cards[0]).toMatchObject({
      title: 'New title',
      updatedBy: 'priya',
      updatedAt: now.toISOString(),
    })
  })

  test('turning an initiative into a hypothesis gives it an empty plan', () => {
    const doc = oneCard()
    editCard(doc, 'c1', { kind: 'hypothesis' })
    const card = readBoard(doc).cards[0]!
    expect(card.kind).toBe('hypothesis')
    expect(card.hypothesis).toMatchObject({ impact: null, confidence: null, ease: null, result: null })
  })

  test('a hypothesis turned into an initiative and back keeps its plan', () => {
    const doc = oneCard('hypothesis')
    ;(cardRecord(doc, 'c1').get('hypothesis') as Y.Map<unknown>).set('impact', 7)
    editCard(doc, 'c1', { kind: 'initiative' })
    expect(readBoard(doc).cards[0]!.hypothesis).toBeNull()
    editCard(doc, 'c1', { kind: 'hypothesis' })
    expect(readBoard(doc).cards[0]!.hypothesis?.impact).toBe(7)
  })

  test('editing never moves the card or changes its status', () => {
    const doc = oneCard()
    const before = readBoard(doc).cards[0]!
    editCard(doc, 'c1', { title: 'Renamed' })
    const after = readBoard(doc).cards[0]!
    expect([after.stageId, after.order, after.status]).toEqual([before.stageId, before.order, before.status])
  })

  test.each([
    ['an unknown card', 'nope', { title: 'x' }, 'unknown card nope'],
    ['an empty title', 'c1', { title: ' ' }, 'title must not be empty'],
    ['a too long title', 'c1', { title: 'y'.repeat(201) }, 'title must be at most 200 characters'],
    ['a bad kind', 'c1', { kind: 'epic' as 'initiative' }, 'kind must be one of initiative, hypothesis'],
  ])('refuses %s and changes nothing', (_, cardId, patch, error) => {
    const doc = oneCard()
    const before = Y.encodeStateVector(doc)
    expect(editCard(doc, cardId, patch)).toEqual({ ok: false, error })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })
})
