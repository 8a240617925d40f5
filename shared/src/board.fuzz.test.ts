import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { type Board, readBoard } from './board.js'
import { addCard } from './ops/addCard.js'
import { deleteCard } from './ops/deleteCard.js'
import { editCard } from './ops/editCard.js'
import { moveCard } from './ops/moveCard.js'
import { roots } from './schema.js'
import { boardDoc, replicaOf } from './testSupport/boardDoc.js'
import { type Random, seededRandom } from './testSupport/seededRandom.js'

const FIELDS = [
  'kind',
  'title',
  'description',
  'position',
  'status',
  'owners',
  'kpiIds',
  'tags',
  'parentId',
  'hypothesis',
  'phase',
  'name',
  'order',
  'unit',
  'direction',
  'baseline',
  'target',
  'functions',
  'checkIns',
  'createdAt',
  'stageId',
  '__proto__',
  'constructor',
  'toJSON',
  '',
]

function junk(rnd: Random, depth = 0): unknown {
  const ids = ['c0', 'c1', 's0', 'acquire', 'retain', 'k0', 'p0', '', '__proto__']
  switch (rnd.int(depth > 1 ? 9 : 14)) {
    case 0:
      return rnd.pick(ids)
    case 1:
      return rnd.pick([0, -1, 3.5, 11, 1e308, Number.NaN, Number.POSITIVE_INFINITY, 7])
    case 2:
      return rnd.chance(0.5)
    case 3:
      return null
    case 4:
      return rnd.pick(['idea', 'hypothesis', 'get', 'up', 'a0', '2026-01-01', 'not-a-date', 'x'.repeat(500)])
    case 5:
      return BigInt(rnd.int(1000))
    case 6:
      return new Uint8Array([rnd.int(256), rnd.int(256)])
    case 7:
      return rnd.pick(['a1', 'Zz', '', 'zzzzzzzzzz', '!', 'a0V'])
    case 8:
      return undefined
    case 9:
      return Array.from({ length: rnd.int(4) }, () => junk(rnd, depth + 1))
    case 10: {
      // Yjs refuses plain objects whose constructor was overwritten, so those keys go only into Y.Maps.
      const o: Record<string, unknown> = {}
      const plainKeys = FIELDS.filter((f) => f !== '__proto__' && f !== 'constructor')
      for (let i = rnd.int(4); i > 0; i--) o[rnd.pick(plainKeys)] = junk(rnd, depth + 1)
      return o
    }
    case 11: {
      const m = new Y.Map<unknown>()
      for (let i = rnd.int(4); i > 0; i--) m.set(rnd.pick(FIELDS), junk(rnd, depth + 1))
      return m
    }
    case 12: {
      const a = new Y.Array<unknown>()
      // Y.Array cannot hold undefined or bigints (Y.Map can); it holds null instead.
      const item = () => {
        const v = junk(rnd, depth + 2)
        return v === undefined || typeof v === 'bigint' ? null : v
      }
      a.push(Array.from({ length: rnd.int(3) }, item))
      return a
    }
    default:
      return new Y.Text(rnd.pick(['text', '', 'acquire']))
  }
}

/** Writes one random value into a random field of a random record, or replaces a record outright. */
function scribble(doc: Y.Doc, rnd: Random): void {
  const r = roots(doc)
  const root = rnd.pick([r.cards, r.cards, r.stages, r.kpis, r.people, r.meta])
  const ids = [...root.keys()]
  if (root === r.meta || ids.length === 0 || rnd.chance(0.1)) {
    root.set(rnd.pick([...ids, 'c9', 'k9', 'northStarKpiId', 'title', 'schemaVersion']), junk(rnd))
    return
  }
  const record = root.get(rnd.pick(ids))
  if (record instanceof Y.Map) record.set(rnd.pick(FIELDS), junk(rnd))
  else root.set(rnd.pick(ids), junk(rnd))
}

function seedBoard(seed: number): Y.Doc {
  const doc = boardDoc(seed)
  const r = roots(doc)
  r.kpis.set('k0', new Y.Map([['name', 'NRR']]))
  r.people.set('p0', new Y.Map([['name', 'Maya']]))
  for (let i = 0; i < 4; i++) {
    addCard(doc, {
      kind: i % 2 ? 'hypothesis' : 'initiative',
      title: `card ${i}`,
      stageId: 'acquire',
      id: `c${i}`,
    })
  }
  return doc
}

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
  let doc = seedBoard(1)
  for (let i = 0; i < 500; i++) {
    const seed = 1000 + i
    const rnd = seededRandom(seed)
    if (i % 50 === 0) doc = seedBoard(seed)
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
