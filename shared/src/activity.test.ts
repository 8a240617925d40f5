import { describe, expect, it } from 'vitest'
import { describeAction, describeCardChange } from './activity.js'
import type { Card } from './records/card.js'

const card: Card = {
  id: 'c1',
  kind: 'initiative',
  title: 'Quiet period',
  description: '',
  stageId: 'engage',
  order: 'a0',
  status: 'idea',
  owners: { Support: 'lena' },
  kpiIds: [],
  tags: [],
  extraFunctions: [],
  parentId: null,
  hypothesis: null,
  createdBy: null,
  createdAt: null,
  updatedBy: null,
  updatedAt: null,
}
const names: Record<string, string> = { engage: 'Engage', retain: 'Retain' }
const line = (before: Card | null, after: Card | null) =>
  describeCardChange(before, after).map((a) =>
    describeAction(a, (after ?? before)!.title, (id) => names[id] ?? id),
  )

describe('activity descriptions', () => {
  it('names creation and deletion', () => {
    expect(line(null, card)).toEqual(['created “Quiet period”'])
    expect(line(card, null)).toEqual(['deleted “Quiet period”'])
  })

  it('names a move between stages with both stage names, and a reorder within one', () => {
    expect(line(card, { ...card, stageId: 'retain', order: 'a1' })).toEqual([
      'moved “Quiet period” from Engage to Retain',
    ])
    expect(line(card, { ...card, order: 'a1' })).toEqual(['reordered “Quiet period” in Engage'])
  })

  it('names proposals, approvals and other status changes', () => {
    expect(line(card, { ...card, status: 'proposed' })).toEqual(['proposed “Quiet period”'])
    expect(line({ ...card, status: 'proposed' }, { ...card, status: 'approved' })).toEqual([
      'approved “Quiet period”',
    ])
    expect(line({ ...card, status: 'approved' }, { ...card, status: 'running' })).toEqual([
      'changed the status of “Quiet period” from approved to running',
    ])
  })

  it('lists the fields edited, and ignores bookkeeping fields', () => {
    const after = {
      ...card,
      owners: { Support: 'lena', Sales: 'diego' },
      tags: ['q4'],
      updatedAt: 'now',
      updatedBy: 'm1',
    }
    expect(line(card, after)).toEqual(['edited the owners, tags of “Quiet period”'])
    expect(line(card, { ...card, updatedAt: 'later' })).toEqual([])
  })

  it('compares fields by value: equal copies are no edit, a changed entry or order is', () => {
    const copy = { ...card, owners: { ...card.owners }, tags: ['q4', 'web'], kpiIds: ['k1'] }
    const base = { ...card, tags: ['q4', 'web'], kpiIds: ['k1'] }
    expect(line(base, copy)).toEqual([])
    expect(line(base, { ...copy, tags: ['web', 'q4'] })).toEqual(['edited the tags of “Quiet period”'])
    expect(line(base, { ...copy, kpiIds: ['k1', 'k2'] })).toEqual(['edited the KPIs of “Quiet period”'])
    expect(line(base, { ...copy, owners: { Support: 'diego' } })).toEqual([
      'edited the owners of “Quiet period”',
    ])
    expect(line(base, { ...copy, parentId: 'c0' })).toEqual([
      'edited the parent initiative of “Quiet period”',
    ])
    expect(line(base, { ...copy, description: 'Why' })).toEqual(['edited the description of “Quiet period”'])
  })
})
