import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { type Board, readBoard } from './board.js'
import { importBoardFile } from './boardFile.js'
import { CSV_COLUMNS, csvField, exportCsv } from './exportCsv.js'
import { SAMPLE_BOARD } from './sample.js'
import { RICH_BOARD_FILE } from './testSupport/richBoardFile.js'

function boardOf(file = RICH_BOARD_FILE): Board {
  const doc = new Y.Doc()
  importBoardFile(doc, file)
  return readBoard(doc)
}

/** A small RFC 4180 reader, to check what a spreadsheet would get back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += ch
  }
  expect(field === '' && row.length === 0, 'the text ends with a complete record').toBe(true)
  return rows
}

describe('exportCsv', () => {
  test('has a header and one row per card in board order, every row with every column', () => {
    const board = boardOf()
    const rows = parseCsv(exportCsv(board))
    expect(rows[0]).toEqual([...CSV_COLUMNS])
    expect(rows.slice(1).map((r) => r[3])).toEqual(board.cards.map((c) => c.title))
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true)
  })

  test('a hypothesis row has phase, stage, owners as "Function: Name", KPI names, tags, ICE, statement and outcome', () => {
    const rows = parseCsv(exportCsv(boardOf()))
    const row = Object.fromEntries(
      CSV_COLUMNS.map((c, i) => [c, rows.find((r) => r[3] === 'Quiet period after escalations')![i]]),
    )
    expect(row).toEqual({
      Phase: 'Keep',
      Stage: 'Renew',
      Kind: 'hypothesis',
      Title: 'Quiet period after escalations',
      Status: 'done',
      Owners: 'Sales: Diego Alvarez; Support: Lena Kowalski',
      KPIs: 'Logo churn; Time to resolve critical tickets',
      Tags: 'touchpoints',
      ICE: '210',
      Hypothesis: RICH_BOARD_FILE.cards[4]!.hypothesis!.statement,
      Outcome: 'validated',
    })
  })

  test('an initiative or an unscored hypothesis leaves ICE, statement and outcome empty as they apply', () => {
    const rows = parseCsv(exportCsv(boardOf()))
    const initiative = rows.find((r) => r[3] === 'Account health reviews')!
    expect(initiative.slice(5)).toEqual([
      'Customer Success: Priya Raman; Revenue Operations: Sam Ito',
      'Logo churn; Net revenue retention',
      'renewals',
      '',
      '',
      '',
    ])
    const unscored = rows.find((r) => r[3] === 'Setup checklist')!
    expect(unscored[8]).toBe('')
  })

  test('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a, b')).toBe('"a, b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"')
    expect(csvField(336)).toBe('336')
    expect(csvField(null)).toBe('')
    const rows = parseCsv(exportCsv(boardOf()))
    expect(rows.some((r) => r[1] === 'Upsell, cross-sell')).toBe(true)
    expect(rows.some((r) => r[3] === 'Live webinar, for trial accounts')).toBe(true)
  })

  test('text a spreadsheet would run as a formula is kept as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"')
    expect(csvField('+1')).toBe("'+1")
    expect(csvField('-2 pts')).toBe("'-2 pts")
    expect(csvField('@sum')).toBe("'@sum")
  })

  test('separates records with CRLF and ends with one', () => {
    const csv = exportCsv(boardOf(SAMPLE_BOARD))
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(csv.split('\r\n')).toHaveLength(SAMPLE_BOARD.cards.length + 2)
  })

  test('an empty board exports only the header', () => {
    expect(exportCsv(readBoard(new Y.Doc()))).toBe(`${CSV_COLUMNS.join(',')}\r\n`)
  })
})
