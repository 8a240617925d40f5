import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from '../board.js'
import { boardDoc, cardRecord } from '../testSupport/boardDoc.js'
import { addCard } from './addCard.js'
import { moveCard } from './moveCard.js'

function boardWith(stageCards: Record<string, string[]>): Y.Doc {
  const doc = boardDoc()
  for (const [stageId, ids] of Object.entries(stageCards)) {
    for (const id of ids) addCard(doc, { kind: 'initiative', title: id, stageId, id })
  }
  return doc
}
const idsIn = (doc: Y.Doc, stageId: string) => readBoard(doc).cardsByStage[stageId]!.map((c) => c.id)

describe('moveCard', () => {
  test('moves a card down within its stage', () => {
    const doc = boardWith({ acquire: ['a', 'b', 'c', 'd'] })
    expect(moveCard(doc, { cardId: 'a', toStageId: 'acquire', index: 2 }).ok).toBe(true)
    expect(idsIn(doc, 'acquire')).toEqual(['b', 'c', 'a', 'd'])
  })

  test('moves a card up within its stage', () => {
    const doc = boardWith({ acquire: ['a', 'b', 'c', 'd'] })
    moveCard(doc, { cardId: 'd', toStageId: 'acquire', index: 1 })
    expect(idsIn(doc, 'acquire')).toEqual(['a', 'd', 'b', 'c'])
  })

  test('moves a card to an index of another stage', () => {
    const doc = boardWith({ acquire: ['a', 'b'], retain: ['x', 'y'] })
    moveCard(doc, { cardId: 'a', toStageId: 'retain', index: 1 })
    expect(idsIn(doc, 'acquire')).toEqual(['b'])
    expect(idsIn(doc, 'retain')).toEqual(['x', 'a', 'y'])
  })

  test('places the card among the siblings the caller read, without reading them again', () => {
    const doc = boardWith({ acquire: ['a'], retain: ['x', 'y', 'z'] })
    const order = (id: string) => readBoard(doc).cards.find((c) => c.id === id)!.order
    // Told that 'y' is Retain's only card, the card goes right after it (before 'z' too).
    moveCard(doc, { cardId: 'a', toStageId: 'retain', index: 1, siblings: [{ id: 'y', order: order('y') }] })
    expect(idsIn(doc, 'retain')).toEqual(['x', 'y', 'a', 'z'])
  })

  test('an index past the end puts the card last', () => {
    const doc = boardWith({ acquire: ['a', 'b', 'c'] })
    moveCard(doc, { cardId: 'a', toStageId: 'acquire', index: 10 })
    expect(idsIn(doc, 'acquire')).toEqual(['b', 'c', 'a'])
  })

  test('moving never changes the status, and records who moved it and when', () => {
    const doc = boardWith({ acquire: ['a'] })
    cardRecord(doc, 'a').set('status', 'running')
    const now = new Date('2026-12-01T00:00:00Z')
    moveCard(doc, { cardId: 'a', toStageId: 'expand', index: 0, by: 'diego', now })
    const card = readBoard(doc).cards[0]!
    expect(card).toMatchObject({ stageId: 'expand', status: 'running', updatedBy: 'diego' })
    expect(card.updatedAt).toBe(now.toISOString())
  })

  test.each([
    ['an unknown card', { cardId: 'nope' }, 'unknown card nope'],
    ['an unknown stage', { toStageId: 'nowhere' }, 'unknown stage nowhere'],
    ['a negative index', { index: -1 }, 'index must be a non-negative integer'],
    ['a fractional index', { index: 0.5 }, 'index must be a non-negative integer'],
  ])('refuses %s and changes nothing', (_, override, error) => {
    const doc = boardWith({ acquire: ['a', 'b'] })
    const before = Y.encodeStateVector(doc)
    expect(moveCard(doc, { cardId: 'a', toStageId: 'acquire', index: 1, ...override })).toEqual({
      ok: false,
      error,
    })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  test('dropping between two cards that share a key lands exactly there', () => {
    const doc = boardWith({ acquire: ['a', 'b', 'c'], retain: ['m'] })
    for (const id of ['a', 'b', 'c']) cardRecord(doc, id).set('position', { stageId: 'acquire', order: 'a1' })
    moveCard(doc, { cardId: 'm', toStageId: 'acquire', index: 2 })
    expect(idsIn(doc, 'acquire')).toEqual(['a', 'b', 'm', 'c'])
  })

  test('counts cards shown in the first stage because their stage is unknown', () => {
    const doc = boardWith({ acquire: ['a'], retain: ['m'] })
    cardRecord(doc, 'a').set('position', { stageId: 'gone', order: 'a0' })
    moveCard(doc, { cardId: 'm', toStageId: 'acquire', index: 1 })
    expect(idsIn(doc, 'acquire')).toEqual(['a', 'm'])
  })
})
