import { describe, expect, it } from 'vitest'
import { CARD_STATUSES } from './records/card.js'
import { checkStatusChange, nextStatuses } from './status.js'

describe('status transitions', () => {
  it('follows idea → proposed → approved → running → done', () => {
    const ctx = { kind: 'initiative' as const, hasResult: false }
    expect(checkStatusChange('idea', 'proposed', ctx).ok).toBe(true)
    expect(checkStatusChange('proposed', 'approved', ctx).ok).toBe(true)
    expect(checkStatusChange('approved', 'running', ctx).ok).toBe(true)
    expect(checkStatusChange('running', 'done', ctx).ok).toBe(true)
  })

  it('refuses skipping the plan: idea straight to running or done', () => {
    const ctx = { kind: 'initiative' as const, hasResult: false }
    const r = checkStatusChange('idea', 'running', ctx)
    expect(r).toEqual({ ok: false, error: 'a card cannot go from Idea to Running' })
    expect(checkStatusChange('idea', 'done', ctx).ok).toBe(false)
    expect(checkStatusChange('declined', 'running', ctx).ok).toBe(false)
  })

  it('lets any card be archived and an archived card come back as an idea', () => {
    for (const s of CARD_STATUSES) {
      if (s !== 'archived') expect(nextStatuses(s)).toContain('archived')
    }
    expect(nextStatuses('archived')).toEqual(['idea'])
  })

  it('asks for a result before a hypothesis is done', () => {
    expect(checkStatusChange('running', 'done', { kind: 'hypothesis', hasResult: false })).toEqual({
      ok: false,
      error: 'record the result (outcome) of the experiment before marking it done',
    })
    expect(checkStatusChange('running', 'done', { kind: 'hypothesis', hasResult: true }).ok).toBe(true)
  })

  it('treats staying on the same status as allowed', () => {
    expect(checkStatusChange('running', 'running', { kind: 'hypothesis', hasResult: false }).ok).toBe(true)
  })
})
