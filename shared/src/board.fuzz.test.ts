import { expect, test } from 'vitest'
import { type Board, readBoard } from './board.js'
import { addCard } from './ops/addCard.js'
import { deleteCard } from './ops/deleteCard.js'
import { editCard } from './ops/editCard.js'
import { moveCard } from './ops/moveCard.js'
import { roots } from './schema.js'
import { replicaOf, smallBoardDoc } from './testSupport/boardDoc.js'
import { scribble } from './testSupport/scribble.js'
import { seededRandom } from './testSupport/seededRandom.js'

function expectEveryCardInExactlyOneStage(board: Board): void {
  const stageIds = board.stages.map((s) => s.id)
  expect(Object.keys(board.cardsByStage).sort()).toEqual([...stageIds].sort())
  const placed = Object.entries(board.cardsByStage).flatMap(([stageId, cards]) =>
    cards.map((c) => {
      expect(c.stageId).toBe(stageId)
      return c.id
    }),
  )
  expect(placed.sort()).toEqual(board.cards.map((c) => c.id).sort())
  expect(new Set(placed).size).toBe(placed.length)
}

test('readBoard never throws on random junk and keeps every card in exactly one stage; ops refuse or apply, never throw', () => {
  let doc = smallBoardDoc(1)
  for (let i = 0; i < 500; i++) {
    const seed = 1000 + i
    const rnd = seededRandom(seed)
    if (i % 50 === 0) doc = smallBoardDoc(seed)
    try {
      scribble(doc, rnd)
      // What one replica wrote must read the same on another after going over the wire.
      const replica = replicaOf(doc)
      const board = readBoard(replica)
      expectEveryCardInExactlyOneStage(board)
      expect(board.cards.length).toBeLessThanOrEqual(roots(replica).cards.size)
      const cardIds = [...roots(doc).cards.keys()]
      const target = rnd.pick(board.stages).id
      moveCard(doc, { cardId: rnd.pick(cardIds), toStageId: target, index: rnd.int(4) })
      editCard(doc, rnd.pick(cardIds), { title: `edited ${i}` })
      addCard(doc, { kind: 'hypothesis', title: `added ${i}`, stageId: target, index: rnd.int(3) })
      if (rnd.chance(0.2)) deleteCard(doc, rnd.pick(cardIds))
      expectEveryCardInExactlyOneStage(readBoard(doc))
    } catch (error) {
      throw new Error(`fuzz seed ${seed} (iteration ${i}): ${String(error)}`, { cause: error })
    }
  }
}, 60_000)
