import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from './board.js'
import { createBoardReader } from './boardReader.js'
import { addCard } from './ops/addCard.js'
import { addComment } from './ops/comments.js'
import { deleteCard } from './ops/deleteCard.js'
import { editCard } from './ops/editCard.js'
import { addKpi, deleteKpi, setNorthStar } from './ops/kpis.js'
import { moveCard } from './ops/moveCard.js'
import { addPerson, removePerson } from './ops/people.js'
import { writeApprovalRound, writeDecision, writeMember } from './ops/serverWrites.js'
import { stageSiblings } from './ops/siblings.js'
import { updateCard } from './ops/updateCard.js'
import { roots } from './schema.js'
import { boardDoc, replicaOf } from './testSupport/boardDoc.js'
import { junk, scribble } from './testSupport/scribble.js'
import { type Random, seededRandom } from './testSupport/seededRandom.js'

const STAGES = ['acquire', 'activate', 'engage', 'retain', 'expand', 'refer']

function seedBoard(seed: number, cards = 12): Y.Doc {
  const doc = boardDoc(seed)
  addPerson(doc, { name: 'Maya', function: 'Sales' }, null, 'p0')
  addKpi(doc, { name: 'NRR' }, null, 'k0')
  for (let i = 0; i < cards; i++) {
    addCard(doc, {
      kind: i % 3 ? 'hypothesis' : 'initiative',
      title: `card ${i}`,
      stageId: STAGES[i % STAGES.length]!,
      id: `c${i}`,
    })
  }
  return doc
}

const cardIds = (doc: Y.Doc) => [...roots(doc).cards.keys()]

/** One random edit, through the ops or straight into the document (also as junk). */
function edit(doc: Y.Doc, rnd: Random, step: number): void {
  const r = roots(doc)
  const ids = cardIds(doc)
  const someCard = () => (ids.length ? rnd.pick(ids) : 'c0')
  switch (rnd.int(18)) {
    case 0:
      addCard(doc, {
        kind: rnd.pick(['initiative', 'hypothesis']),
        title: `new ${step}`,
        stageId: rnd.pick(STAGES),
      })
      break
    case 1:
    case 2:
      moveCard(doc, { cardId: someCard(), toStageId: rnd.pick(STAGES), index: rnd.int(4) })
      break
    case 3:
      editCard(doc, someCard(), { title: `title ${step}` })
      break
    case 4:
      updateCard(doc, someCard(), {
        owners: { Sales: rnd.pick(['p0', 'p1', null]) },
        kpiIds: rnd.chance(0.5) ? ['k0'] : ['k1'],
        tags: [`t${rnd.int(3)}`],
      })
      break
    case 5:
      updateCard(doc, someCard(), { description: `described ${step}` })
      break
    case 6: {
      // A kind flip changes which cards may name it as their parent.
      const card = r.cards.get(someCard())
      if (card instanceof Y.Map) card.set('kind', rnd.pick(['initiative', 'hypothesis', 'nonsense']))
      break
    }
    case 7: {
      const card = r.cards.get(someCard())
      if (card instanceof Y.Map) card.set('parentId', rnd.pick([...ids, 'nobody', null]))
      break
    }
    case 8:
      deleteCard(doc, someCard())
      break
    case 9:
      if (rnd.chance(0.5))
        addPerson(doc, { name: `P ${step}`, function: 'Product' }, null, rnd.pick(['p0', 'p1']))
      else removePerson(doc, rnd.pick(['p0', 'p1']))
      break
    case 10:
      if (rnd.chance(0.5)) addKpi(doc, { name: `K ${step}` }, null, rnd.pick(['k0', 'k1']))
      else deleteKpi(doc, rnd.pick(['k0', 'k1']))
      break
    case 11:
      setNorthStar(doc, rnd.pick(['k0', 'k1', null]))
      break
    case 12: {
      // Stages renamed, dropped or brought back: cards in a missing stage show in the first one.
      const id = rnd.pick(STAGES)
      if (rnd.chance(0.3)) r.stages.delete(id)
      else if (rnd.chance(0.5))
        r.stages.set(
          id,
          new Y.Map<unknown>([
            ['phase', 'get'],
            ['name', `S ${step}`],
            ['order', rnd.pick(['a0', 'a1', 'Zz'])],
          ]),
        )
      else (r.stages.get(id) as Y.Map<unknown> | undefined)?.set('name', `Renamed ${step}`)
      break
    }
    case 13:
      addComment(doc, { cardId: someCard(), text: `comment ${step}`, author: { id: 'm1', name: 'Maya' } })
      break
    case 14: {
      const cardId = someCard()
      writeMember(
        doc,
        {
          id: `m${rnd.int(3)}`,
          name: rnd.pick(['Ann', 'Bo']),
          role: 'member',
          function: null,
          joinedAt: null,
          revokedAt: null,
        },
        null,
      )
      writeApprovalRound(
        doc,
        { cardId, round: rnd.int(3) + 1, proposedAt: '2026-01-01', proposedBy: null },
        null,
      )
      writeDecision(
        doc,
        {
          id: `d${step}`,
          cardId,
          function: 'Sales',
          verdict: 'approve',
          reason: '',
          by: 'm1',
          byName: 'Ann',
          at: '2026-01-02',
          fingerprint: '',
          round: 1,
        },
        null,
      )
      break
    }
    case 15:
      roots(doc)[rnd.pick(['comments', 'members', 'decisions', 'approvals'] as const)].set(
        `x${rnd.int(3)}`,
        junk(rnd),
      )
      break
    default:
      scribble(doc, rnd)
  }
}

describe('createBoardReader', () => {
  test('reads what readBoard reads after every step of random edits, remote updates and junk', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rnd = seededRandom(seed)
      const doc = seedBoard(seed)
      const remote = replicaOf(doc, 1000 + seed)
      const reader = createBoardReader(doc)
      for (let step = 0; step < 150; step++) {
        try {
          const kind = rnd.int(10)
          if (kind < 2) {
            // Several edits from another replica arrive as one update (one transaction here).
            const before = Y.encodeStateVector(remote)
            for (let n = rnd.int(4) + 1; n > 0; n--) edit(remote, rnd, step)
            Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, before), 'remote')
          } else if (kind < 4) {
            doc.transact(() => {
              for (let n = rnd.int(3) + 2; n > 0; n--) edit(doc, rnd, step)
            })
          } else {
            edit(doc, rnd, step)
          }
          if (rnd.chance(0.3)) Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(remote)))
          // Reads are skipped now and then, so changes of several transactions add up before one.
          if (rnd.chance(0.7)) expect(reader.read()).toStrictEqual(readBoard(doc))
        } catch (error) {
          throw new Error(`seed ${seed}, step ${step}: ${String(error)}`, { cause: error })
        }
      }
      expect(reader.read()).toStrictEqual(readBoard(doc))
      reader.destroy()
    }
  }, 60_000)

  test('a stage list without a card is what stageSiblings reads, so a client may hand it to moveCard', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rnd = seededRandom(100 + seed)
      const doc = seedBoard(seed)
      const remote = replicaOf(doc, 2000 + seed)
      const reader = createBoardReader(doc)
      for (let step = 0; step < 120; step++) {
        try {
          if (rnd.chance(0.3)) {
            const before = Y.encodeStateVector(remote)
            for (let n = rnd.int(3) + 1; n > 0; n--) edit(remote, rnd, step)
            Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, before), 'remote')
          } else {
            edit(doc, rnd, step)
          }
          const board = reader.read()
          const without = rnd.pick([...board.cards.map((c) => c.id), 'nobody'])
          for (const stage of board.stages) {
            const listed = (board.cardsByStage[stage.id] ?? [])
              .filter((c) => c.id !== without)
              .map(({ id, order }) => ({ id, order }))
            expect(listed).toEqual(stageSiblings(doc, stage.id, without))
          }
        } catch (error) {
          throw new Error(`seed ${seed}, step ${step}: ${String(error)}`, { cause: error })
        }
      }
      reader.destroy()
    }
  }, 60_000)

  test('an edit of one card gives a new object for that card and its stage only', () => {
    const doc = seedBoard(7, 60)
    const reader = createBoardReader(doc)
    const before = reader.read()
    editCard(doc, 'c8', { title: 'renamed' })
    const after = reader.read()
    expect(after.cards.find((c) => c.id === 'c8')?.title).toBe('renamed')
    const stageOf8 = 'engage'
    for (const card of after.cards) {
      if (card.id !== 'c8') expect(card).toBe(before.cards.find((c) => c.id === card.id))
    }
    for (const stage of STAGES) {
      if (stage === stageOf8) expect(after.cardsByStage[stage]).not.toBe(before.cardsByStage[stage])
      else expect(after.cardsByStage[stage]).toBe(before.cardsByStage[stage])
    }
    expect(after.people).toBe(before.people)
    expect(after.kpis).toBe(before.kpis)
    expect(after.stages).toBe(before.stages)
    expect(after.meta).toBe(before.meta)
    expect(after.comments).toBe(before.comments)
  })

  test('a move changes the two stages it crosses; a read without changes returns the same board', () => {
    const doc = seedBoard(8, 60)
    const reader = createBoardReader(doc)
    const before = reader.read()
    moveCard(doc, { cardId: 'c0', toStageId: 'retain', index: 0 })
    const after = reader.read()
    expect(after.cardsByStage.retain?.[0]?.id).toBe('c0')
    for (const stage of STAGES) {
      const crossed = stage === 'acquire' || stage === 'retain'
      expect(after.cardsByStage[stage] === before.cardsByStage[stage]).toBe(!crossed)
    }
    expect(reader.read()).toBe(after)
    // An update the document already holds changes nothing.
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(doc))
    expect(reader.read()).toBe(after)
  })
})
