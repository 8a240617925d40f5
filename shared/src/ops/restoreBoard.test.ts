import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { type Board, readBoard } from '../board.js'
import { MIGRATIONS, SCHEMA_VERSION } from '../migrations.js'
import { roots, schemaVersionOf, yRecord } from '../schema.js'
import { boardDoc, cardRecord, replicaOf } from '../testSupport/boardDoc.js'
import { xmlList } from '../testSupport/richTextNodes.js'
import { diffBoards, isEmptyDiff } from '../versionDiff.js'
import { addCard } from './addCard.js'
import { addComment } from './comments.js'
import { deleteCard } from './deleteCard.js'
import { addCheckIn, addKpi, deleteKpi } from './kpis.js'
import { moveCard } from './moveCard.js'
import { addPerson, editPerson } from './people.js'
import { restoreBoard } from './restoreBoard.js'
import { updateCard } from './updateCard.js'

const now = new Date('2026-11-24T12:00:00Z')
const later = new Date('2026-11-25T09:00:00Z')

/** What a restore must bring back: the board as read, without who-and-when bookkeeping and comments. */
function plan(board: Board) {
  return {
    meta: board.meta,
    stages: board.stages,
    people: board.people,
    kpis: board.kpis,
    cards: board.cards.map(({ updatedAt: _at, updatedBy: _by, ...card }) => card),
  }
}

/** A board with a person, a KPI with a check-in, an initiative and a hypothesis with a plan. */
function savedBoard() {
  const doc = boardDoc(1)
  addPerson(doc, { name: 'Sam', function: 'Sales' }, null, 'p1')
  addKpi(doc, { name: 'NRR', unit: '%' }, null, 'k1')
  addCheckIn(doc, 'k1', '2026-10-01', 101)
  addCard(doc, { kind: 'initiative', title: 'Partner webinars', stageId: 'acquire', id: 'c1', now })
  addCard(doc, { kind: 'hypothesis', title: 'Renewal review', stageId: 'retain', id: 'c2', now })
  updateCard(doc, 'c1', {
    description: 'Two sessions',
    owners: { Sales: 'p1' },
    kpiIds: ['k1'],
    tags: ['q3'],
  })
  updateCard(doc, 'c2', {
    status: 'proposed',
    parentId: 'c1',
    hypothesis: { statement: 'We believe a review lifts NRR', impact: 7, confidence: 5 },
  })
  return doc
}

/** The later work a restore has to undo: moves, edits, a deletion, an addition, KPI and people changes. */
function editAfterwards(doc: Y.Doc) {
  moveCard(doc, { cardId: 'c1', toStageId: 'engage', index: 0 })
  updateCard(doc, 'c1', {
    title: 'Partner webinars (EMEA)',
    description: 'Two sessions, then a third',
    owners: { Sales: null },
    kpiIds: [],
    tags: ['q3', 'emea'],
    status: 'running',
  })
  deleteCard(doc, 'c2')
  addCard(doc, { kind: 'initiative', title: 'Added later', stageId: 'refer', id: 'c3', now: later })
  addCheckIn(doc, 'k1', '2026-11-01', 104)
  addKpi(doc, { name: 'Activation rate' }, null, 'k2')
  editPerson(doc, 'p1', { name: 'Samira' })
  addPerson(doc, { name: 'Ola', function: 'Product' }, null, 'p2')
  roots(doc).meta.set('title', 'Renamed board')
}

describe('restoreBoard', () => {
  test('sets changed fields back, re-creates deleted cards with their data and removes cards added since', () => {
    const doc = savedBoard()
    const saved = readBoard(replicaOf(doc))
    editAfterwards(doc)
    expect(isEmptyDiff(diffBoards(saved, readBoard(doc)))).toBe(false)

    const result = restoreBoard(doc, saved, { by: 'm-owner', now: later })
    expect(result).toEqual({
      ok: true,
      value: { recreated: ['c2'], removed: ['c3'], changed: ['c1'], skipped: [] },
    })
    const restored = readBoard(doc)
    expect(plan(restored)).toEqual(plan(saved))
    expect(isEmptyDiff(diffBoards(saved, restored))).toBe(true)
    const c2 = restored.cards.find((c) => c.id === 'c2')
    expect(c2).toMatchObject({
      kind: 'hypothesis',
      status: 'proposed',
      parentId: 'c1',
      createdAt: now.toISOString(),
      hypothesis: { statement: 'We believe a review lifts NRR', impact: 7, confidence: 5 },
    })
    expect(restored.cards.find((c) => c.id === 'c1')).toMatchObject({
      updatedBy: 'm-owner',
      updatedAt: later.toISOString(),
    })
  })

  test('edits text in place, so the editors bound to it keep their type', () => {
    const doc = savedBoard()
    const saved = readBoard(replicaOf(doc))
    const description = cardRecord(doc, 'c1').get('description')
    updateCard(doc, 'c1', { description: 'Rewritten entirely' })
    restoreBoard(doc, saved)
    expect(cardRecord(doc, 'c1').get('description')).toBe(description)
    expect(readBoard(doc).cards.find((c) => c.id === 'c1')?.description).toBe('Two sessions')
  })

  test('brings rich text back with its formatting when given the saved document', () => {
    const doc = savedBoard()
    const description = cardRecord(doc, 'c1').get('description') as Y.XmlFragment
    doc.transact(() => {
      description.insert(1, [xmlList('bulletList', ['Berlin', 'Paris'])])
      const first = (description.get(0) as Y.XmlElement).get(0) as Y.XmlText
      first.format(0, 3, { bold: true })
    })
    const version = replicaOf(doc)
    const savedXml = String(cardRecord(version, 'c1').get('description'))
    expect(savedXml).toContain('<bold>Two</bold>')

    const first = (description.get(0) as Y.XmlElement).get(0) as Y.XmlText
    first.format(0, 3, { bold: null })
    updateCard(doc, 'c1', { description: 'Two sessions\nLondon only' })
    expect(String(description)).not.toBe(savedXml)

    restoreBoard(doc, readBoard(version), { from: version })
    expect(cardRecord(doc, 'c1').get('description')).toBe(description)
    expect(String(description)).toBe(savedXml)
    expect(restoreBoard(doc, readBoard(version), { from: version })).toEqual({
      ok: true,
      value: { recreated: [], removed: [], changed: [], skipped: [] },
    })
  })

  test('restores a version saved under an older schema without downgrading the board', () => {
    // Saved before descriptions were rich text: a Y.Text, at schema version 1.
    const old = new Y.Doc()
    MIGRATIONS.find((m) => m.version === 1)?.up(old)
    const oldText = new Y.Text()
    oldText.insert(0, 'Old words')
    roots(old).cards.set(
      'c1',
      yRecord({
        kind: 'initiative',
        title: 'Webinars',
        description: oldText,
        position: { stageId: 'acquire', order: 'a0' },
        status: 'idea',
      }),
    )
    const doc = boardDoc()
    addCard(doc, { kind: 'initiative', title: 'Webinars', stageId: 'acquire', id: 'c1' })
    updateCard(doc, 'c1', { description: 'New words' })
    const fragment = cardRecord(doc, 'c1').get('description')
    expect(restoreBoard(doc, readBoard(old)).ok).toBe(true)
    expect(readBoard(doc).cards[0]?.description).toBe('Old words')
    expect(cardRecord(doc, 'c1').get('description')).toBe(fragment)
    expect(fragment).toBeInstanceOf(Y.XmlFragment)
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION)
  })

  test('leaves comments, decisions, approval rounds and members untouched', () => {
    const doc = savedBoard()
    const saved = readBoard(replicaOf(doc))
    editAfterwards(doc)
    // Comments are read oldest first, by random id within one millisecond: give them distinct times.
    const author = { id: 'm1', name: 'Mo' }
    addComment(
      doc,
      { cardId: 'c1', text: 'Keep the EMEA slot', author },
      null,
      new Date('2026-11-20T10:00:00Z'),
    )
    addComment(
      doc,
      { cardId: 'c3', text: 'On a card added later', author },
      null,
      new Date('2026-11-20T10:01:00Z'),
    )
    roots(doc).decisions.set('d1', new Y.Map())
    roots(doc).approvals.set('c2', new Y.Map())
    roots(doc).members.set('m1', new Y.Map())
    const before = {
      comments: roots(doc).comments.toJSON(),
      decisions: roots(doc).decisions.toJSON(),
      approvals: roots(doc).approvals.toJSON(),
      members: roots(doc).members.toJSON(),
    }
    restoreBoard(doc, saved)
    expect({
      comments: roots(doc).comments.toJSON(),
      decisions: roots(doc).decisions.toJSON(),
      approvals: roots(doc).approvals.toJSON(),
      members: roots(doc).members.toJSON(),
    }).toEqual(before)
    // The comment on the card added since stays stored (its card is gone, so no screen shows it).
    expect(readBoard(doc).comments.map((c) => c.text)).toEqual([
      'Keep the EMEA slot',
      'On a card added later',
    ])
  })

  test('restores stages, people and KPIs deleted or changed since, under their ids', () => {
    const doc = savedBoard()
    roots(doc).meta.set('northStarKpiId', 'k1')
    const saved = readBoard(replicaOf(doc))
    deleteKpi(doc, 'k1')
    roots(doc).stages.delete('refer')
    roots(doc).people.delete('p1')
    const extra = new Y.Map<unknown>()
    extra.set('phase', 'grow')
    extra.set('name', 'Advocate')
    extra.set('order', 'a5')
    roots(doc).stages.set('advocate', extra)
    restoreBoard(doc, saved)
    const restored = readBoard(doc)
    expect(plan(restored)).toEqual(plan(saved))
    expect(restored.meta.northStarKpiId).toBe('k1')
    expect(restored.stages.map((s) => s.id)).not.toContain('advocate')
    expect(restored.cards.find((c) => c.id === 'c1')).toMatchObject({
      owners: { Sales: 'p1' },
      kpiIds: ['k1'],
    })
  })

  test('is idempotent: a second restore writes nothing', () => {
    const doc = savedBoard()
    const saved = readBoard(replicaOf(doc))
    editAfterwards(doc)
    restoreBoard(doc, saved, { now: later })
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    const again = restoreBoard(doc, saved, { now: later })
    expect(again).toEqual({ ok: true, value: { recreated: [], removed: [], changed: [], skipped: [] } })
    expect(updates).toEqual([])
  })

  test('converges: a restore on one replica and concurrent work on another end identical, work kept', () => {
    const origin = savedBoard()
    const saved = readBoard(replicaOf(origin))
    editAfterwards(origin)
    const a = replicaOf(origin, 11)
    const b = replicaOf(origin, 12)
    const fromA: Uint8Array[] = []
    const fromB: Uint8Array[] = []
    a.on('update', (u: Uint8Array, o: unknown) => o !== 'remote' && fromA.push(u))
    b.on('update', (u: Uint8Array, o: unknown) => o !== 'remote' && fromB.push(u))

    restoreBoard(a, saved, { now: later })
    // Meanwhile, on b: a comment, a new card, and a move of a card the restore also moves.
    addComment(b, { cardId: 'c1', text: 'Concurrent comment', author: { id: 'm2', name: 'Ana' } })
    addCard(b, { kind: 'initiative', title: 'Concurrent card', stageId: 'expand', id: 'c4', now: later })
    moveCard(b, { cardId: 'c1', toStageId: 'retain', index: 0 })

    for (const u of [...fromB].reverse()) Y.applyUpdate(a, u, 'remote')
    for (const u of fromA) Y.applyUpdate(b, u, 'remote')
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b))
    expect(readBoard(a)).toEqual(readBoard(b))
    const merged = readBoard(a)
    expect(merged.comments.map((c) => c.text)).toContain('Concurrent comment')
    expect(merged.cards.map((c) => c.id)).toContain('c4')
    expect(merged.cards.find((c) => c.id === 'c2')?.title).toBe('Renewal review')
  })

  test('converges when two replicas restore the same version at once', () => {
    const origin = savedBoard()
    const saved = readBoard(replicaOf(origin))
    deleteCard(origin, 'c2')
    moveCard(origin, { cardId: 'c1', toStageId: 'engage', index: 0 })
    updateCard(origin, 'c1', { tags: ['emea'], status: 'running' })
    const a = replicaOf(origin, 21)
    const b = replicaOf(origin, 22)
    restoreBoard(a, saved, { now: later })
    restoreBoard(b, saved, { now: later })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    expect(readBoard(a)).toEqual(readBoard(b))
    expect(plan(readBoard(a))).toEqual(plan(saved))
  })
})
