import { EMPTY_FILTER, filterFromQuery, filterToQuery } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import { filterChips, toggleValue, withoutChip } from './filterChips'

const board = {
  people: [{ id: 'p1', name: 'Maya Okafor', function: 'Marketing', color: '#000' }],
  kpis: [
    {
      id: 'k1',
      name: 'Net revenue retention',
      unit: '%',
      direction: 'up' as const,
      baseline: null,
      target: null,
      phase: null,
      functions: [],
      parentId: null,
      checkIns: [],
    },
  ],
}

describe('filter chips', () => {
  it('names every active value the way people read it', () => {
    const filter = filterFromQuery(
      'function=Sales&owner=p1&kpi=k1&status=running&kind=hypothesis&tag=q4&q=webinar',
    )
    expect(filterChips(filter, board).map((c) => c.label)).toEqual([
      'Function: Sales',
      'Owner: Maya Okafor',
      'KPI: Net revenue retention',
      'Status: Running',
      'Kind: Hypothesis',
      'Tag: #q4',
      'Text: “webinar”',
    ])
  })

  it('says so when a filter names someone or a KPI that is gone', () => {
    const chips = filterChips({ ...EMPTY_FILTER, owners: ['gone'], kpis: ['old'] }, board)
    expect(chips.map((c) => c.label)).toEqual(['Owner: someone no longer on the board', 'KPI: a deleted KPI'])
  })

  it('removes one chip and leaves the rest, and round-trips through the URL', () => {
    const filter = filterFromQuery('status=idea&status=running&q=plan')
    const [idea, running, text] = filterChips(filter, board)
    const withoutIdea = withoutChip(filter, idea!)
    expect(withoutIdea.statuses).toEqual(['running'])
    expect(withoutChip(withoutIdea, text!).text).toBe('')
    expect(withoutChip(filter, running!).statuses).toEqual(['idea'])
    expect(filterFromQuery(filterToQuery(withoutIdea))).toEqual(withoutIdea)
  })

  it('toggles a value on and off', () => {
    const on = toggleValue(EMPTY_FILTER, 'functions', 'Sales')
    expect(on.functions).toEqual(['Sales'])
    expect(toggleValue(on, 'functions', 'Sales').functions).toEqual([])
  })
})
