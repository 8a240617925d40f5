import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { type Board, readBoard } from './board.js'
import { importBoardFile } from './boardFile.js'
import { exportMarkdown, markdownText } from './exportMarkdown.js'
import { SAMPLE_BOARD } from './sample.js'
import { RICH_BOARD_FILE } from './testSupport/richBoardFile.js'

function boardOf(file = RICH_BOARD_FILE): Board {
  const doc = new Y.Doc()
  importBoardFile(doc, file)
  return readBoard(doc)
}

/** The lines of the readout from the card titled `title` up to the next card or heading. */
function cardBlock(md: string, title: string): string[] {
  const lines = md.split('\n')
  const start = lines.findIndex((l) => l.startsWith(`- **${title}**`))
  expect(start, `card ${title} is in the readout`).toBeGreaterThan(-1)
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('  - '))
  return lines.slice(start, end)
}

describe('exportMarkdown', () => {
  test('starts with the board title, description and the North Star with its latest value and target', () => {
    const md = exportMarkdown(boardOf())
    expect(md.split('\n').slice(0, 5)).toEqual([
      '# FY27 joint plan',
      '',
      'Marketing, Sales, CS, Product and Support plan against one North Star.',
      '',
      '**North Star:** Net revenue retention (latest 101% on 2026-10-01, target 110%, baseline 98%)',
    ])
  })

  test('groups cards by phase then stage in board order, and says when a stage is empty', () => {
    const md = exportMarkdown(boardOf())
    const headings = md.split('\n').filter((l) => l.startsWith('#'))
    expect(headings).toEqual([
      '# FY27 joint plan',
      '## Get',
      '### Reach',
      '### Trial',
      '### Onboard',
      '## Keep',
      '### Adopt',
      '### Renew',
      '## Grow',
      '### Upsell, cross-sell',
      '### Advocacy "and" referrals',
    ])
    expect(md).toContain('### Onboard\n\n_No cards._\n')
    expect(md.indexOf('Account health reviews')).toBeLessThan(md.indexOf('Quiet period after escalations'))
  })

  test('an initiative shows its kind, status, owners, KPIs and tags', () => {
    expect(cardBlock(exportMarkdown(boardOf()), 'One campaign calendar for all teams')).toEqual([
      '- **One campaign calendar for all teams** (Initiative, Approved)',
      '  - Owners: Marketing: Maya Okafor; Sales: Diego Alvarez; Support: Lena Kowalski',
      '  - KPIs: Trial activation',
      '  - Tags: touchpoints, calendar',
    ])
  })

  test('a hypothesis shows its statement, ICE, horizon, triggers and result', () => {
    expect(cardBlock(exportMarkdown(boardOf()), 'Quiet period after escalations')).toEqual([
      '- **Quiet period after escalations** (Hypothesis, Done)',
      '  - Owners: Sales: Diego Alvarez; Support: Lena Kowalski',
      '  - KPIs: Logo churn; Time to resolve critical tickets',
      '  - Tags: touchpoints',
      '  - Part of: Account health reviews',
      '  - Statement: We believe a change for a segment will move a KPI by an amount within a horizon.',
      '  - Expected impact: +5 pts',
      '  - ICE: 210 (impact 6 × confidence 5 × ease 7)',
      '  - Horizon: 2027-01-01 to 2027-03-31',
      '  - Triggers: Iterate below +1 pt at week 4; kill if support tickets rise.',
      '  - Result: validated, measured -1.4 pts churn in the pilot segment. Learning: Accounts with a recent escalation renew when left alone for two weeks.',
    ])
  })

  test('an unscored hypothesis without owners or results says so', () => {
    const block = cardBlock(exportMarkdown(boardOf()), 'Setup checklist')
    expect(block).toContain('  - Owners: none yet')
    expect(block).toContain('  - KPIs: none linked')
    expect(block).toContain('  - ICE: not scored')
    expect(block).toContain('  - Result: none yet')
    expect(block.some((l) => l.includes('Horizon'))).toBe(false)
  })

  test('user text cannot inject Markdown, HTML or extra lines', () => {
    expect(markdownText('*bold* <img src=x> [link](y)\n# heading')).toBe(
      '\\*bold\\* \\<img src=x\\> \\[link\\](y) \\# heading',
    )
  })

  test('a board without a North Star says it is not set', () => {
    const md = exportMarkdown(
      boardOf({ ...SAMPLE_BOARD, board: { ...SAMPLE_BOARD.board, northStarKpiId: null } }),
    )
    expect(md).toContain('**North Star:** not set')
  })

  test('the sample board reads out every card once', () => {
    const md = exportMarkdown(boardOf(SAMPLE_BOARD))
    for (const card of SAMPLE_BOARD.cards) expect(md.split(`- **${card.title}**`)).toHaveLength(2)
    expect(md.endsWith('\n')).toBe(true)
  })
})
