import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from './board.js'
import { importBoardFile, parseBoardFile } from './boardFile.js'
import {
  type BoardFilter,
  cardMatcher,
  EMPTY_FILTER,
  filterFromQuery,
  filterToQuery,
  isFilterActive,
} from './filters.js'
import { SAMPLE_BOARD } from './sample.js'

function sampleBoard() {
  const doc = new Y.Doc()
  const file = parseBoardFile(SAMPLE_BOARD)
  if (!file.ok) throw new Error(file.error)
  importBoardFile(doc, file.value)
  return readBoard(doc)
}

const matching = (f: Partial<BoardFilter>) => {
  const board = sampleBoard()
  const match = cardMatcher(board, { ...EMPTY_FILTER, ...f })
  return board.cards.filter(match).map((c) => c.id)
}

describe('board filters', () => {
  it('matches every card when no filter is set', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false)
    expect(matching({})).toHaveLength(SAMPLE_BOARD.cards.length)
  })

  it('filters by function of any owner', () => {
    expect(matching({ functions: ['Support'] })).toEqual(['quiet-period'])
  })

  it('widens within a facet and narrows across facets', () => {
    expect(matching({ functions: ['Support', 'Product'] }).sort()).toEqual([
      'checklist',
      'onboarding',
      'quiet-period',
    ])
    expect(matching({ functions: ['Support', 'Product'], kinds: ['hypothesis'] })).toEqual(['checklist'])
  })

  it('filters by owner, status, tag and kind', () => {
    expect(matching({ owners: ['lena'] })).toEqual(['quiet-period'])
    expect(matching({ statuses: ['done'] })).toEqual(['referral'])
    expect(matching({ tags: ['onboarding'] }).sort()).toEqual(['checklist', 'onboarding'])
    expect(matching({ kinds: ['initiative'] })).toHaveLength(3)
  })

  it('filters by KPI including the KPIs that roll up into it', () => {
    expect(matching({ kpis: ['churn'] }).sort()).toEqual(['health-review', 'quiet-period'])
    expect(matching({ kpis: ['nrr'] })).toHaveLength(SAMPLE_BOARD.cards.length)
  })

  it('finds free text in titles, statements, owner names and KPI names, ignoring case', () => {
    expect(matching({ text: 'WEBINAR' })).toEqual(['webinar'])
    expect(matching({ text: 'mid-market' })).toEqual(['health-review'])
    expect(matching({ text: 'lena' })).toEqual(['quiet-period'])
    expect(matching({ text: 'logo churn escalations' })).toEqual(['quiet-period'])
  })

  it('round-trips through a URL query string, keeping other parameters', () => {
    const f: BoardFilter = {
      functions: ['Customer Success', 'Sales'],
      owners: ['p1'],
      kpis: ['k1'],
      statuses: ['proposed', 'running'],
      kinds: ['hypothesis'],
      tags: ['q3 review'],
      text: 'renewal health',
      hide: true,
    }
    const q = filterToQuery(f, new URLSearchParams('view=board'))
    expect(q.get('view')).toBe('board')
    expect(filterFromQuery(q.toString())).toEqual(f)
  })

  it('drops unknown statuses and kinds from a hand-edited link', () => {
    const f = filterFromQuery('status=proposed&status=bogus&kind=epic&kind=initiative&function=%20')
    expect(f.statuses).toEqual(['proposed'])
    expect(f.kinds).toEqual(['initiative'])
    expect(f.functions).toEqual([])
  })
})
