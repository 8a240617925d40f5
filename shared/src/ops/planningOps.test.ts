// Card fields, people and KPIs edited through the shared ops, on in-memory documents.

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from '../board.js'
import { importBoardFile, parseBoardFile } from '../boardFile.js'
import { SAMPLE_BOARD } from '../sample.js'
import { addCheckIn, addKpi, deleteKpi, editKpi, removeCheckIn, setNorthStar } from './kpis.js'
import { addFunction, addPerson, boardFunctions, editPerson, removePerson } from './people.js'
import { updateCard } from './updateCard.js'

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc()
  const file = parseBoardFile(SAMPLE_BOARD)
  if (!file.ok) throw new Error(file.error)
  importBoardFile(doc, file.value)
  return doc
}

const cardOf = (doc: Y.Doc, id: string) => readBoard(doc).cards.find((c) => c.id === id)!

describe('updateCard', () => {
  it('edits title, description, tags, owners and KPI links in one go', () => {
    const doc = sampleDoc()
    const r = updateCard(doc, 'webinar', {
      title: '  Joint   webinar for trials ',
      description: 'Run by Marketing with Sales on the call.',
      tags: ['campaign', 'q4', 'campaign', ' '],
      owners: { Product: 'tom', Sales: null },
      kpiIds: ['activation', 'nrr'],
    })
    expect(r.ok).toBe(true)
    const c = cardOf(doc, 'webinar')
    expect(c.title).toBe('Joint webinar for trials')
    expect(c.description).toBe('Run by Marketing with Sales on the call.')
    expect(c.tags).toEqual(['campaign', 'q4'])
    expect(c.owners).toEqual({ Marketing: 'maya', Product: 'tom' })
    expect(c.kpiIds).toEqual(['activation', 'nrr'])
  })

  it('edits only the changed part of a description, so a concurrent edit elsewhere survives', () => {
    const a = sampleDoc()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    updateCard(a, 'onboarding', { description: 'Hello world, from Product.' })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    updateCard(a, 'onboarding', { description: 'Hello brave world, from Product.' })
    updateCard(b, 'onboarding', { description: 'Hello world, from Product and Marketing.' })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(cardOf(a, 'onboarding').description).toBe('Hello brave world, from Product and Marketing.')
    expect(cardOf(b, 'onboarding').description).toBe(cardOf(a, 'onboarding').description)
  })

  it('keeps both owners when two people assign different functions at once', () => {
    const a = sampleDoc()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    updateCard(a, 'seat-expansion', { owners: { Product: 'tom' } })
    updateCard(b, 'seat-expansion', { owners: { Support: 'lena' } })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const owners = cardOf(a, 'seat-expansion').owners
    expect(owners).toEqual({ Sales: 'diego', 'Customer Success': 'priya', Product: 'tom', Support: 'lena' })
    expect(cardOf(b, 'seat-expansion').owners).toEqual(owners)
  })

  it('enforces the status rules and asks for a result before a hypothesis is done', () => {
    const doc = sampleDoc()
    expect(updateCard(doc, 'webinar', { status: 'running' })).toEqual({
      ok: false,
      error: 'a card cannot go from Idea to Running',
    })
    expect(updateCard(doc, 'checklist', { status: 'done' }).ok).toBe(false)
    const done = updateCard(doc, 'checklist', {
      status: 'done',
      hypothesis: {
        result: { outcome: 'validated', measuredImpact: '+7 pts', learning: 'Admins finish setup.' },
      },
    })
    expect(done.ok).toBe(true)
    expect(cardOf(doc, 'checklist').status).toBe('done')
    expect(cardOf(doc, 'checklist').hypothesis?.result?.outcome).toBe('validated')
  })

  it('edits the experiment plan and refuses scores outside 1–10 and a horizon that ends before it starts', () => {
    const doc = sampleDoc()
    expect(updateCard(doc, 'webinar', { hypothesis: { impact: 9, ease: 3 } }).ok).toBe(true)
    expect(cardOf(doc, 'webinar').hypothesis).toMatchObject({ impact: 9, confidence: 4, ease: 3 })
    expect(updateCard(doc, 'webinar', { hypothesis: { impact: 11 } })).toEqual({
      ok: false,
      error: 'impact must be an integer 1–10',
    })
    expect(
      updateCard(doc, 'webinar', { hypothesis: { horizon: { start: '2027-02-01', end: '2027-01-01' } } }).ok,
    ).toBe(false)
    expect(updateCard(doc, 'onboarding', { hypothesis: { impact: 5 } }).ok).toBe(false)
  })

  it('links a hypothesis to a parent initiative and refuses anything else as parent', () => {
    const doc = sampleDoc()
    expect(updateCard(doc, 'webinar', { parentId: 'onboarding' }).ok).toBe(true)
    expect(cardOf(doc, 'webinar').parentId).toBe('onboarding')
    expect(updateCard(doc, 'webinar', { parentId: 'checklist' }).ok).toBe(false)
    expect(updateCard(doc, 'onboarding', { parentId: 'seat-expansion' }).ok).toBe(false)
    expect(updateCard(doc, 'webinar', { parentId: null }).ok).toBe(true)
    expect(cardOf(doc, 'webinar').parentId).toBeNull()
  })

  it('refuses unknown owners and KPIs and changes nothing', () => {
    const doc = sampleDoc()
    const before = Y.encodeStateVector(doc)
    expect(updateCard(doc, 'webinar', { title: 'x', owners: { Sales: 'nobody' } })).toEqual({
      ok: false,
      error: 'unknown person nobody',
    })
    expect(updateCard(doc, 'webinar', { kpiIds: ['ghost'] }).ok).toBe(false)
    expect(updateCard(doc, 'nope', { title: 'x' }).ok).toBe(false)
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })
})

describe('people', () => {
  it('adds, edits and removes people; removal drops them as owners', () => {
    const doc = sampleDoc()
    const id = addPerson(doc, { name: ' Ada  Lovelace ', function: 'Product' })
    expect(id.ok).toBe(true)
    const pid = id.ok ? id.value : ''
    expect(readBoard(doc).people.find((p) => p.id === pid)).toMatchObject({
      name: 'Ada Lovelace',
      function: 'Product',
    })
    expect(editPerson(doc, pid, { function: 'Revenue Operations' }).ok).toBe(true)
    expect(boardFunctions(doc)).toContain('Revenue Operations')
    expect(removePerson(doc, 'diego').ok).toBe(true)
    expect(cardOf(doc, 'quiet-period').owners).toEqual({ Support: 'lena', Marketing: 'maya' })
    expect(readBoard(doc).repairs).toEqual([])
  })

  it('refuses empty names and duplicate functions', () => {
    const doc = sampleDoc()
    expect(addPerson(doc, { name: '  ', function: 'Sales' }).ok).toBe(false)
    expect(addFunction(doc, 'sales')).toEqual({ ok: false, error: 'sales already exists' })
    expect(addFunction(doc, 'Partnerships').ok).toBe(true)
    expect(boardFunctions(doc)).toContain('Partnerships')
  })
})

describe('KPIs', () => {
  it('adds a KPI under a parent, records check-ins (one per date) and removes one', () => {
    const doc = sampleDoc()
    const id = addKpi(doc, { name: 'Support CSAT', unit: '%', parentId: 'churn', baseline: 80, target: 90 })
    expect(id.ok).toBe(true)
    const kid = id.ok ? id.value : ''
    expect(addCheckIn(doc, kid, '2026-11-01', 82).ok).toBe(true)
    expect(addCheckIn(doc, kid, '2026-10-01', 81).ok).toBe(true)
    expect(addCheckIn(doc, kid, '2026-11-01', 83).ok).toBe(true)
    const k = readBoard(doc).kpis.find((x) => x.id === kid)!
    expect(k.checkIns).toEqual([
      { date: '2026-10-01', value: 81 },
      { date: '2026-11-01', value: 83 },
    ])
    expect(removeCheckIn(doc, kid, '2026-10-01').ok).toBe(true)
    expect(addCheckIn(doc, kid, 'yesterday', 1).ok).toBe(false)
  })

  it('refuses a parent link that would make a cycle', () => {
    const doc = sampleDoc()
    expect(editKpi(doc, 'nrr', { parentId: 'churn' })).toEqual({
      ok: false,
      error: 'a KPI cannot roll up into itself or a KPI below it',
    })
    expect(editKpi(doc, 'churn', { parentId: 'churn' }).ok).toBe(false)
    expect(editKpi(doc, 'churn', { parentId: 'expansion', target: 4 }).ok).toBe(true)
  })

  it('deletes a KPI: children move up, cards lose the link, the North Star is cleared', () => {
    const doc = sampleDoc()
    expect(deleteKpi(doc, 'nrr').ok).toBe(true)
    const board = readBoard(doc)
    expect(board.meta.northStarKpiId).toBeNull()
    expect(board.kpis.every((k) => k.parentId === null)).toBe(true)
    expect(board.cards.find((c) => c.id === 'health-review')?.kpiIds).toEqual(['churn'])
    expect(board.repairs).toEqual([])
    expect(setNorthStar(doc, 'churn').ok).toBe(true)
    expect(readBoard(doc).meta.northStarKpiId).toBe('churn')
    expect(setNorthStar(doc, 'ghost').ok).toBe(false)
  })
})
