import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from './board.js'
import { addCard } from './ops/addCard.js'
import { DEFAULT_STAGES } from './records/stage.js'
import { roots, yRecord } from './schema.js'
import { boardDoc, cardRecord, replicaOf } from './testSupport/boardDoc.js'

/** A board with one initiative c1 and one hypothesis h1 in Acquire, a person and two KPIs. */
function board(): Y.Doc {
  const doc = boardDoc()
  addCard(doc, { kind: 'initiative', title: 'Initiative', stageId: 'acquire', id: 'c1' })
  addCard(doc, { kind: 'hypothesis', title: 'Hypothesis', stageId: 'acquire', id: 'h1' })
  const r = roots(doc)
  r.people.set('maya', yRecord({ name: 'Maya', function: 'Marketing', color: '#d9480f' }))
  r.kpis.set('nrr', yRecord({ name: 'NRR', unit: '%', direction: 'up', parentId: null }))
  r.kpis.set('churn', yRecord({ name: 'Churn', unit: '%', direction: 'down', parentId: 'nrr' }))
  return doc
}
const cardIn = (doc: Y.Doc, id: string) => readBoard(doc).cards.find((c) => c.id === id)!
const plan = (doc: Y.Doc) => cardRecord(doc, 'h1').get('hypothesis') as Y.Map<unknown>
/** The repair notes that mention `path`. */
const notesAt = (doc: Y.Doc, path: string) => readBoard(doc).repairs.filter((n) => n.includes(path))

describe('readBoard repairs bad document data and notes each repair', () => {
  test('a clean board reads without repairs', () => {
    expect(readBoard(board()).repairs).toEqual([])
  })

  test('a number where the title belongs is shown as text', () => {
    const doc = board()
    cardRecord(doc, 'c1').set('title', 42)
    expect(cardIn(doc, 'c1').title).toBe('42')
    expect(notesAt(doc, 'card c1.title')).toEqual(['At card c1.title: expected string, got number'])
  })

  test('an unknown kind reads as an initiative without a plan', () => {
    const doc = board()
    cardRecord(doc, 'h1').set('kind', 'epic')
    expect(cardIn(doc, 'h1')).toMatchObject({ kind: 'initiative', hypothesis: null })
    expect(notesAt(doc, 'card h1.kind')[0]).toContain('got "epic"')
  })

  test('an unknown status reads as an idea', () => {
    const doc = board()
    cardRecord(doc, 'c1').set('status', 'shipped')
    expect(cardIn(doc, 'c1').status).toBe('idea')
    expect(notesAt(doc, 'card c1.status')[0]).toContain('got "shipped"')
  })

  test('a card in an unknown stage is shown in the first stage', () => {
    const doc = board()
    cardRecord(doc, 'c1').set('position', { stageId: 'nowhere', order: 'a0' })
    addCard(doc, { kind: 'initiative', title: 'elsewhere', stageId: 'retain', id: 'c2' })
    cardRecord(doc, 'c2').set('position', { stageId: 'nowhere', order: 'a0' })
    const b = readBoard(doc)
    expect(b.cardsByStage.acquire!.map((c) => c.id).sort()).toEqual(['c1', 'c2', 'h1'])
    expect(cardIn(doc, 'c2').stageId).toBe('acquire')
    expect(notesAt(doc, 'card c2.position.stageId')[0]).toContain('unknown stage "nowhere"; shown in Acquire')
  })

  test('a card without a position is shown in the first stage', () => {
    const doc = board()
    addCard(doc, { kind: 'initiative', title: 'lost', stageId: 'expand', id: 'c3' })
    cardRecord(doc, 'c3').delete('position')
    expect(cardIn(doc, 'c3').stageId).toBe('acquire')
    expect(notesAt(doc, 'card c3.position').length).toBeGreaterThan(0)
  })

  test('a non-map entry in the cards map is skipped', () => {
    const doc = board()
    roots(doc).cards.set('junk', 'not a card')
    roots(doc).cards.set('plain', { title: 'plain object', position: { stageId: 'acquire', order: 'a0' } })
    const b = readBoard(doc)
    expect(b.cards.map((c) => c.id).sort()).toEqual(['c1', 'h1'])
    expect(notesAt(doc, 'card junk')).toEqual(['At card junk: not a record; skipped'])
    expect(notesAt(doc, 'card plain')).toEqual(['At card plain: not a record; skipped'])
  })

  test('an owner who is not a person on the board is dropped; known owners stay', () => {
    const doc = board()
    const owners = cardRecord(doc, 'c1').get('owners') as Y.Map<string>
    owners.set('Marketing', 'maya')
    owners.set('Sales', 'ghost')
    expect(cardIn(doc, 'c1').owners).toEqual({ Marketing: 'maya' })
    expect(notesAt(doc, 'card c1.owners.Sales')[0]).toContain('unknown person ghost')
  })

  test('owners read in one order on every replica, whatever order their functions arrived in', () => {
    const doc = board()
    const r = roots(doc)
    r.people.set('diego', yRecord({ name: 'Diego', function: 'Sales' }))
    r.people.set('sam', yRecord({ name: 'Sam', function: 'Ops' }))
    const a = replicaOf(doc, 1)
    const b = replicaOf(doc, 2)
    const ownersOf = (d: Y.Doc) => cardRecord(d, 'c1').get('owners') as Y.Map<string>
    ownersOf(a).set('Ops', 'sam')
    ownersOf(b).set('Sales', 'diego')
    ownersOf(b).set('Marketing', 'maya')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(Object.keys(cardIn(a, 'c1').owners)).toEqual(['Marketing', 'Sales', 'Ops'])
    expect(JSON.stringify(readBoard(a))).toBe(JSON.stringify(readBoard(b)))
  })

  test('a link to an unknown KPI is dropped; known links stay', () => {
    const doc = board()
    ;(cardRecord(doc, 'c1').get('kpiIds') as Y.Array<string>).push(['nrr', 'gone'])
    expect(cardIn(doc, 'c1').kpiIds).toEqual(['nrr'])
    expect(notesAt(doc, 'card c1.kpiIds')).toEqual(['At card c1.kpiIds: dropped links to unknown KPIs'])
  })

  test('KPI parents that form a cycle are broken so the KPI tree stays a tree', () => {
    const doc = board()
    const r = roots(doc)
    r.kpis.set('a', yRecord({ name: 'A', parentId: 'b' }))
    r.kpis.set('b', yRecord({ name: 'B', parentId: 'a' }))
    r.kpis.set('self', yRecord({ name: 'Self', parentId: 'self' }))
    const kpis = new Map(readBoard(doc).kpis.map((k) => [k.id, k.parentId]))
    expect([kpis.get('a'), kpis.get('b')].filter((p) => p === null)).toHaveLength(1)
    expect(kpis.get('self')).toBeNull()
    expect(kpis.get('churn')).toBe('nrr')
    expect(readBoard(doc).repairs.filter((n) => n.includes('form a cycle'))).toHaveLength(2)
  })

  test('a KPI whose parent does not exist becomes a root', () => {
    const doc = board()
    roots(doc).kpis.set('orphan', yRecord({ name: 'Orphan', parentId: 'missing' }))
    expect(readBoard(doc).kpis.find((k) => k.id === 'orphan')!.parentId).toBeNull()
    expect(notesAt(doc, 'kpi orphan.parentId')[0]).toContain('unknown KPI missing; made a root')
  })

  test('a hypothesis score out of range is clamped to 1–10', () => {
    const doc = board()
    plan(doc).set('impact', 14)
    plan(doc).set('ease', 0)
    plan(doc).set('confidence', 6.6)
    expect(cardIn(doc, 'h1').hypothesis).toMatchObject({ impact: 10, ease: 1, confidence: 7 })
    expect(notesAt(doc, 'card h1.hypothesis.impact')[0]).toContain('expected an integer 1–10, got 14')
    expect(notesAt(doc, 'card h1.hypothesis.ease')).toHaveLength(1)
    expect(notesAt(doc, 'card h1.hypothesis.confidence')).toHaveLength(1)
  })

  test('a numeric string score is read as its number', () => {
    const doc = board()
    plan(doc).set('impact', '7')
    plan(doc).set('ease', 'high')
    expect(cardIn(doc, 'h1').hypothesis).toMatchObject({ impact: 7, ease: null })
    expect(notesAt(doc, 'card h1.hypothesis.impact')).toEqual([
      'At card h1.hypothesis.impact: expected number, got a numeric string',
    ])
    expect(notesAt(doc, 'card h1.hypothesis.ease')).toEqual([
      'At card h1.hypothesis.ease: expected number, got string',
    ])
  })

  test('a result that is not an object is dropped instead of shown as inconclusive', () => {
    const doc = board()
    plan(doc).set('result', 5)
    expect(cardIn(doc, 'h1').hypothesis!.result).toBeNull()
    expect(notesAt(doc, 'card h1.hypothesis.result')).toEqual([
      'At card h1.hypothesis.result: expected an object; result dropped',
    ])
  })

  test('a board with no stages shows the default funnel with its cards in it', () => {
    const doc = board()
    roots(doc).stages.clear()
    const b = readBoard(doc)
    expect(b.stages.map((s) => s.id)).toEqual(DEFAULT_STAGES.map((s) => s.id))
    expect(b.cardsByStage.acquire!.map((c) => c.id)).toEqual(['c1', 'h1'])
    expect(b.repairs).toContain('At stages: no readable stages; showing the default funnel')
  })

  test('a stage with an unknown phase is skipped and its cards are shown in the first stage', () => {
    const doc = board()
    roots(doc).stages.set('odd', yRecord({ phase: 'sell', name: 'Odd', order: 'a0' }))
    cardRecord(doc, 'c1').set('position', { stageId: 'odd', order: 'a0' })
    const b = readBoard(doc)
    expect(b.stages.some((s) => s.id === 'odd')).toBe(false)
    expect(cardIn(doc, 'c1').stageId).toBe('acquire')
    expect(notesAt(doc, 'stage odd.phase')[0]).toContain('unknown phase "sell"; stage skipped')
  })

  test('a North Star that names an unknown KPI is cleared', () => {
    const doc = board()
    roots(doc).meta.set('northStarKpiId', 'gone')
    expect(readBoard(doc).meta.northStarKpiId).toBeNull()
    expect(notesAt(doc, 'meta.northStarKpiId')).toEqual(['At meta.northStarKpiId: unknown KPI gone'])
  })

  test('a North Star that is not a KPI id is cleared', () => {
    const doc = board()
    roots(doc).meta.set('northStarKpiId', 12)
    expect(readBoard(doc).meta.northStarKpiId).toBeNull()
    expect(notesAt(doc, 'meta.northStarKpiId')[0]).toContain('expected string or null, got number')
    roots(doc).meta.set('northStarKpiId', 'nrr')
    expect(readBoard(doc).meta.northStarKpiId).toBe('nrr')
  })

  test('a bigint anywhere (Yjs can store them) is repaired instead of crashing the reader', () => {
    const doc = board()
    cardRecord(doc, 'c1').set('kind', 5n)
    cardRecord(doc, 'c1').set('title', 5n)
    roots(doc).stages.set('big', yRecord({ phase: 7n, name: 'Big' }))
    roots(doc).kpis.set('k', yRecord({ name: 'K', phase: 1n, baseline: 2n }))
    plan(doc).set('horizon', { start: 3n })
    const b = readBoard(doc)
    expect(cardIn(doc, 'c1')).toMatchObject({ kind: 'initiative', title: '' })
    expect(b.repairs).toContain('At card c1.kind: expected one of initiative, hypothesis, got 5n')
    expect(b.kpis.find((k) => k.id === 'k')).toMatchObject({ phase: null, baseline: null })
  })

  test('a title longer than the limit is shortened', () => {
    const doc = board()
    cardRecord(doc, 'c1').set('title', 'x'.repeat(300))
    expect(cardIn(doc, 'c1').title).toHaveLength(200)
    expect(notesAt(doc, 'card c1.title')).toEqual(['At card c1.title: longer than 200 characters; shortened'])
  })
})
