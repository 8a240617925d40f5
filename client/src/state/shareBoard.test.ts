import { addCard, createBoardReader, initBoard, moveCard } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { shareBoard } from './shareBoard'

function boardWithCards(): Y.Doc {
  const doc = new Y.Doc()
  initBoard(doc, { title: 'Plan' })
  for (const [i, stageId] of ['acquire', 'acquire', 'acquire', 'retain'].entries())
    addCard(doc, { kind: 'initiative', title: `c${i}`, stageId, id: `c${i}` })
  return doc
}

describe('shareBoard', () => {
  it('takes what the reader kept from the board shown as it is, and shares what it read again', () => {
    const doc = boardWithCards()
    const reader = createBoardReader(doc)
    const before = reader.read()
    // The board shown holds copies (as after earlier sharing): equal, but other objects.
    const shown = { ...before, people: [...before.people], cardsByStage: { ...before.cardsByStage } }
    moveCard(doc, { cardId: 'c0', toStageId: 'retain', index: 1 })
    const next = reader.read()
    const shared = shareBoard(shown, before, next)

    expect(shared).toEqual(next)
    // Kept by the reader: the shown objects, not compared.
    expect(shared.people).toBe(shown.people)
    expect(shared.cardsByStage.engage).toBe(shown.cardsByStage.engage)
    // Read again: equal cards keep the shown objects, in their stage's list and in `cards` alike.
    const old = new Map(before.cards.map((c) => [c.id, c]))
    expect(shared.cardsByStage.acquire?.map((c) => c.id)).toEqual(['c1', 'c2'])
    for (const card of shared.cardsByStage.acquire ?? []) expect(card).toBe(old.get(card.id))
    expect(shared.cardsByStage.retain?.[0]).toBe(old.get('c3'))
    for (const card of shared.cards) {
      const list = shared.cardsByStage[card.stageId] ?? []
      expect(list.find((c) => c.id === card.id)).toBe(card)
    }
  })

  it('returns the board shown when the read did not change', () => {
    const doc = boardWithCards()
    const reader = createBoardReader(doc)
    const before = reader.read()
    const shown = { ...before }
    expect(shareBoard(shown, before, reader.read())).toBe(shown)
  })
})
