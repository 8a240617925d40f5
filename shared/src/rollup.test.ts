import { describe, expect, it } from 'vitest'
import type { Card } from './records/card.js'
import type { Kpi } from './records/kpi.js'
import { kpiCredit, kpiProgress, kpiSubtree, kpiTree } from './rollup.js'

const kpi = (id: string, parentId: string | null, extra: Partial<Kpi> = {}): Kpi => ({
  id,
  name: id.toUpperCase(),
  unit: '%',
  direction: 'up',
  baseline: null,
  target: null,
  phase: null,
  functions: [],
  parentId,
  checkIns: [],
  ...extra,
})

const card = (
  id: string,
  kpiIds: string[],
  owners: Record<string, string> = {},
  extra: Partial<Card> = {},
): Card => ({
  id,
  kind: 'initiative',
  title: id,
  description: '',
  stageId: 'acquire',
  order: 'a0',
  status: 'idea',
  owners,
  kpiIds,
  tags: [],
  extraFunctions: [],
  parentId: null,
  hypothesis: null,
  createdBy: null,
  createdAt: null,
  updatedBy: null,
  updatedAt: null,
  ...extra,
})

// nrr ← churn ← support-churn ; nrr ← expansion
const kpis = [kpi('nrr', null), kpi('churn', 'nrr'), kpi('support-churn', 'churn'), kpi('expansion', 'nrr')]

describe('KPI roll-up', () => {
  it('builds the tree with the North Star first', () => {
    const tree = kpiTree([kpi('other', null), ...kpis], 'nrr')
    expect(tree.map((n) => n.kpi.id)).toEqual(['nrr', 'other'])
    expect(tree[0]?.children.map((n) => n.kpi.id).sort()).toEqual(['churn', 'expansion'])
    expect(tree[0]?.children.find((n) => n.kpi.id === 'churn')?.children[0]?.depth).toBe(2)
  })

  it('collects a KPI and everything below it, three levels deep', () => {
    expect([...kpiSubtree(kpis, 'nrr')].sort()).toEqual(['churn', 'expansion', 'nrr', 'support-churn'])
    expect([...kpiSubtree(kpis, 'churn')].sort()).toEqual(['churn', 'support-churn'])
  })

  it('counts a card linked to a KPI and to its parent once in the parent roll-up', () => {
    const cards = [
      card('both', ['churn', 'nrr']),
      card('deep', ['support-churn']),
      card('elsewhere', ['expansion']),
    ]
    const credit = kpiCredit(kpis, cards, 'nrr')
    expect(credit.cards.map((c) => c.id)).toEqual(['both', 'deep', 'elsewhere'])
    expect(credit.directCards.map((c) => c.id)).toEqual(['both'])
    expect(kpiCredit(kpis, cards, 'churn').cards.map((c) => c.id)).toEqual(['both', 'deep'])
  })

  it('shares credit with every function owning a credited card, ranking none', () => {
    const cards = [
      card('a', ['churn'], { 'Customer Success': 'p1', Support: 'p2' }),
      card('b', ['support-churn'], { Marketing: 'p3' }),
    ]
    const withOwn = kpis.map((k) => (k.id === 'churn' ? { ...k, functions: ['Sales'] } : k))
    expect(kpiCredit(withOwn, cards, 'churn').functions).toEqual([
      'Customer Success',
      'Marketing',
      'Sales',
      'Support',
    ])
  })

  it('leaves archived cards out of the credit', () => {
    const cards = [card('live', ['nrr']), card('old', ['nrr'], {}, { status: 'archived' })]
    expect(kpiCredit(kpis, cards, 'nrr').cards.map((c) => c.id)).toEqual(['live'])
  })
})

describe('KPI progress', () => {
  it('measures the way from baseline to target with the latest check-in', () => {
    const k = kpi('nrr', null, {
      baseline: 98,
      target: 110,
      checkIns: [
        { date: '2026-09-01', value: 99 },
        { date: '2026-10-01', value: 101 },
      ],
    })
    expect(kpiProgress(k)).toEqual({ current: 101, progress: 0.25, onTrack: true })
  })

  it('works for KPIs that should go down', () => {
    const k = kpi('churn', null, {
      direction: 'down',
      baseline: 9,
      target: 5,
      checkIns: [{ date: '2026-10-01', value: 8 }],
    })
    expect(kpiProgress(k)).toEqual({ current: 8, progress: 0.25, onTrack: true })
  })

  it('clamps and flags movement the wrong way', () => {
    const k = kpi('churn', null, { baseline: 9, target: 5, checkIns: [{ date: '2026-10-01', value: 11 }] })
    expect(kpiProgress(k)).toEqual({ current: 11, progress: 0, onTrack: false })
  })

  it('has no progress without baseline and target', () => {
    expect(kpiProgress(kpi('x', null)).progress).toBeNull()
    expect(kpiProgress(kpi('x', null, { baseline: 5, target: 5 })).progress).toBeNull()
  })
})
