import { describe, expect, it } from 'vitest'
import {
  approvalFingerprint,
  approvalState,
  canDecide,
  type DecisionRecord,
  requiredFunctions,
} from './approval.js'
import type { Card } from './records/card.js'
import { emptyPlan } from './records/hypothesis.js'

const bet: Card = {
  id: 'c1',
  kind: 'hypothesis',
  title: 'Renewal health review before upsell',
  description: '',
  stageId: 'retain',
  order: 'a0',
  status: 'proposed',
  owners: { 'Customer Success': 'priya', Sales: 'diego' },
  kpiIds: ['churn'],
  tags: [],
  extraFunctions: [],
  parentId: null,
  hypothesis: { ...emptyPlan(), statement: 'We believe…', impact: 7, confidence: 5, ease: 6 },
  createdBy: null,
  createdAt: null,
  updatedBy: null,
  updatedAt: null,
}

let n = 0
const decide = (
  card: Card,
  fn: string,
  verdict: 'approve' | 'decline',
  round = 1,
  reason = '',
): DecisionRecord => ({
  id: `d${++n}`,
  cardId: card.id,
  function: fn,
  verdict,
  reason,
  by: `leader-${fn}`,
  byName: fn,
  at: `2026-11-20T10:00:${String(n).padStart(2, '0')}Z`,
  fingerprint: approvalFingerprint(card),
  round,
})

describe('approval rules', () => {
  it('needs a sign-off from each owning function plus any the proposer adds', () => {
    expect(requiredFunctions(bet)).toEqual(['Customer Success', 'Sales'])
    expect(requiredFunctions({ ...bet, extraFunctions: ['Support', 'Sales'] })).toEqual([
      'Customer Success',
      'Sales',
      'Support',
    ])
  })

  it('is approved only when every function involved has approved', () => {
    const one = [decide(bet, 'Sales', 'approve')]
    expect(approvalState(bet, one, 1)).toMatchObject({ outcome: 'pending', waitingOn: ['Customer Success'] })
    const both = [...one, decide(bet, 'Customer Success', 'approve')]
    expect(approvalState(bet, both, 1)).toMatchObject({ outcome: 'approved', waitingOn: [] })
  })

  it('is declined by a single decline, with its reason', () => {
    const ds = [
      decide(bet, 'Sales', 'approve'),
      decide(bet, 'Customer Success', 'decline', 1, 'No CS capacity in Q4'),
    ]
    const state = approvalState(bet, ds, 1)
    expect(state.outcome).toBe('declined')
    expect(state.declines.map((d) => d.reason)).toEqual(['No CS capacity in Q4'])
  })

  it('marks decisions stale when the plan, owners or KPI links change afterwards', () => {
    const ds = [decide(bet, 'Sales', 'approve'), decide(bet, 'Customer Success', 'approve')]
    const replanned = { ...bet, hypothesis: { ...bet.hypothesis!, impact: 9 } }
    const state = approvalState(replanned, ds, 1)
    expect(state.outcome).toBe('pending')
    expect(state.waitingOn).toEqual(['Customer Success', 'Sales'])
    expect(state.signOffs.every((s) => s.stale.length === 1)).toBe(true)
    const relinked = { ...bet, kpiIds: ['churn', 'nrr'] }
    expect(approvalState(relinked, ds, 1).outcome).toBe('pending')
    const reowned = { ...bet, owners: { ...bet.owners, Support: 'lena' } }
    expect(approvalState(reowned, ds, 1)).toMatchObject({
      outcome: 'pending',
      waitingOn: ['Customer Success', 'Sales', 'Support'],
    })
  })

  it('does not go stale for moves, status or description changes', () => {
    const ds = [decide(bet, 'Sales', 'approve'), decide(bet, 'Customer Success', 'approve')]
    const moved = { ...bet, stageId: 'expand', order: 'b0', description: 'notes', tags: ['q4'] }
    expect(approvalState(moved, ds, 1).outcome).toBe('approved')
  })

  it('starts afresh when a declined card is proposed again (a new round)', () => {
    const ds = [decide(bet, 'Sales', 'approve', 1), decide(bet, 'Customer Success', 'decline', 1, 'Not now')]
    const again = approvalState(bet, ds, 2)
    expect(again.outcome).toBe('pending')
    expect(again.waitingOn).toEqual(['Customer Success', 'Sales'])
    const later = [...ds, decide(bet, 'Sales', 'approve', 2), decide(bet, 'Customer Success', 'approve', 2)]
    expect(approvalState(bet, later, 2).outcome).toBe('approved')
  })

  it('uses the latest decision of a function in the current round', () => {
    const ds = [decide(bet, 'Sales', 'decline', 1, 'first'), decide(bet, 'Sales', 'approve', 1)]
    expect(approvalState(bet, ds, 1).signOffs.find((s) => s.function === 'Sales')?.decision?.verdict).toBe(
      'approve',
    )
  })

  it('lets only a leader of an involved function decide, and only on proposed cards', () => {
    const required = requiredFunctions(bet)
    expect(canDecide({ card: bet, leaderFunction: 'Sales', required })).toEqual({ ok: true })
    expect(canDecide({ card: bet, leaderFunction: 'Marketing', required })).toMatchObject({
      ok: false,
      conflict: false,
    })
    expect(canDecide({ card: { ...bet, status: 'idea' }, leaderFunction: 'Sales', required })).toMatchObject({
      ok: false,
      conflict: true,
    })
  })
})
