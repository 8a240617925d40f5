import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from './board.js'
import { type BoardFile, exportBoardFile, importBoardFile, parseBoardFile } from './boardFile.js'
import { SCHEMA_VERSION } from './migrations.js'
import { PLAN_TEXT_FIELDS, richTextOf } from './richText.js'
import { SAMPLE_BOARD } from './sample.js'
import { roots, schemaVersionOf } from './schema.js'
import { RICH_BOARD_FILE } from './testSupport/richBoardFile.js'
import { xmlList } from './testSupport/richTextNodes.js'

/** Untyped JSON, for writing deliberately wrong values into a file the way a bad client would. */
// biome-ignore lint/suspicious/noExplicitAny: the edits below write wrong types on purpose
type Json = any

/** A deep copy of the rich file with `edit` applied, as untyped JSON the way a file arrives. */
function richWith(edit: (file: Json) => void): unknown {
  const file: Json = structuredClone(RICH_BOARD_FILE)
  edit(file)
  return file
}

function errorOf(input: unknown): string {
  const parsed = parseBoardFile(input)
  if (parsed.ok) throw new Error('expected the file to be refused')
  return parsed.error
}

function imported(file: BoardFile): Y.Doc {
  const doc = new Y.Doc()
  importBoardFile(doc, file)
  return doc
}

/** Export → import into a fresh doc → export, returning both exports. */
function roundTrip(file: BoardFile): [BoardFile, BoardFile] {
  const first = exportBoardFile('first', readBoard(imported(file)), file.decisions)
  const parsed = parseBoardFile(JSON.parse(JSON.stringify(first)))
  if (!parsed.ok) throw new Error(parsed.error)
  const second = exportBoardFile('second', readBoard(imported(parsed.value)), parsed.value.decisions)
  return [first, second]
}

describe('parseBoardFile', () => {
  test('the sample board is a valid file that imports without repairs', () => {
    const parsed = parseBoardFile(SAMPLE_BOARD)
    expect(parsed.ok).toBe(true)
    const board = readBoard(imported(SAMPLE_BOARD))
    expect(board.repairs).toEqual([])
    expect(board.cards).toHaveLength(SAMPLE_BOARD.cards.length)
  })

  test('the rich hand-made file is valid and parses to itself', () => {
    expect(parseBoardFile(RICH_BOARD_FILE)).toEqual({ ok: true, value: RICH_BOARD_FILE })
  })

  test('fills defaults for the optional parts of a minimal file', () => {
    const parsed = parseBoardFile({
      format: 'tideboard/board@1',
      board: { id: 'm', title: 'Minimal' },
      stages: [{ id: 's', phase: 'get', name: 'S' }],
      cards: [{ id: 'c', kind: 'initiative', title: 'C', stageId: 's' }],
    })
    expect(parsed.ok && parsed.value).toMatchObject({
      board: { description: '', northStarKpiId: null },
      people: [],
      kpis: [],
      decisions: [],
      cards: [{ status: 'idea', owners: {}, kpiIds: [], tags: [], parentId: null, hypothesis: null }],
    })
  })

  test.each([
    ['null', null],
    ['a string', 'tideboard'],
    ['an array', []],
  ])('refuses %s with a message about the whole file', (_, input) => {
    expect(errorOf(input)).toMatch(/^At file: /)
  })

  test('refuses another format', () => {
    expect(errorOf(richWith((f) => (f.format = 'tideboard/board@2')))).toMatch(/^At format: /)
    expect(errorOf(richWith((f) => delete f.format))).toMatch(/^At format: /)
  })

  test.each([
    ['a number as a card title', (f: Json) => (f.cards[2].title = 7), 'At cards[2].title: '],
    ['an empty board title', (f: Json) => (f.board.title = '  '), 'At board.title: '],
    ['an unknown phase', (f: Json) => (f.stages[1].phase = 'sell'), 'At stages[1].phase: '],
    ['an unknown card kind', (f: Json) => (f.cards[0].kind = 'epic'), 'At cards[0].kind: '],
    ['an unknown status', (f: Json) => (f.cards[0].status = 'shipped'), 'At cards[0].status: '],
    ['a score above 10', (f: Json) => (f.cards[1].hypothesis.impact = 11), 'At cards[1].hypothesis.impact: '],
    ['a fractional score', (f: Json) => (f.cards[1].hypothesis.ease = 2.5), 'At cards[1].hypothesis.ease: '],
    [
      'a check-in value as text',
      (f: Json) => (f.kpis[2].checkIns[1].value = '22'),
      'At kpis[2].checkIns[1].value: ',
    ],
    [
      'a check-in with an impossible date',
      (f: Json) => (f.kpis[0].checkIns[0].date = '2026-13-45'),
      'At kpis[0].checkIns[0].date: ',
    ],
    ['a person without a function', (f: Json) => delete f.people[3].function, 'At people[3].function: '],
    ['an owner who is not an id', (f: Json) => (f.cards[0].owners.Sales = 5), 'At cards[0].owners.Sales: '],
    [
      'an unknown outcome',
      (f: Json) => (f.cards[4].hypothesis.result.outcome = 'won'),
      'At cards[4].hypothesis.result.outcome: ',
    ],
    ['a bad decision verdict', (f: Json) => (f.decisions[0].verdict = 'maybe'), 'At decisions[0].verdict: '],
  ])('refuses %s, naming the path', (_, edit, path) => {
    expect(errorOf(richWith(edit))).toContain(path)
  })

  test.each([
    ['stage', (f: Json) => (f.stages[1].id = 'reach'), 'duplicate stage id reach'],
    ['person', (f: Json) => (f.people[1].id = 'p-mk'), 'duplicate person id p-mk'],
    ['KPI', (f: Json) => (f.kpis[1].id = 'nrr'), 'duplicate kpi id nrr'],
    ['card', (f: Json) => (f.cards[1].id = 'i-campaign'), 'duplicate card id i-campaign'],
  ])('refuses a duplicate %s id', (_, edit, error) => {
    expect(errorOf(richWith(edit))).toBe(error)
  })

  test.each([
    [
      'a card in an unknown stage',
      (f: Json) => (f.cards[3].stageId = 'gone'),
      'At cards[3].stageId: unknown stage gone',
    ],
    [
      'an owner who is not on the board',
      (f: Json) => (f.cards[0].owners.Sales = 'p-x'),
      'At cards[0].owners.Sales: unknown person p-x',
    ],
    [
      'a link to an unknown KPI',
      (f: Json) => f.cards[0].kpiIds.push('gone'),
      'At cards[0].kpiIds: unknown KPI gone',
    ],
    [
      'an unknown parent card',
      (f: Json) => (f.cards[1].parentId = 'gone'),
      'At cards[1].parentId: unknown card gone',
    ],
    [
      'a parent that is a hypothesis',
      (f: Json) => (f.cards[1].parentId = 'h-checklist'),
      'At cards[1].parentId: the parent must be another card that is an initiative',
    ],
    [
      'a card that is its own parent',
      (f: Json) => (f.cards[0].parentId = 'i-campaign'),
      'At cards[0].parentId: the parent must be another card that is an initiative',
    ],
    [
      'an unknown parent KPI',
      (f: Json) => (f.kpis[2].parentId = 'gone'),
      'At kpis[2].parentId: unknown KPI gone',
    ],
    [
      'KPI parents in a cycle',
      (f: Json) => (f.kpis[0].parentId = 'ttr'),
      'At kpis[0].parentId: KPI parents form a cycle through nrr',
    ],
    [
      'an unknown North Star',
      (f: Json) => (f.board.northStarKpiId = 'gone'),
      'At board.northStarKpiId: unknown KPI gone',
    ],
  ])('refuses %s', (_, edit, error) => {
    expect(errorOf(richWith(edit))).toBe(error)
  })
})

describe('export and import', () => {
  test('importing writes the current schema version, every record and no repairs', () => {
    const doc = imported(RICH_BOARD_FILE)
    const board = readBoard(doc)
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION)
    expect(board.repairs).toEqual([])
    expect(board.kpis).toHaveLength(5)
    expect(board.cardsByStage.renew!.map((c) => c.id)).toEqual(['i-health', 'h-quiet'])
    expect(board.cards.find((c) => c.id === 'h-checklist')!.description).toBe('Line one\nLine two')
  })

  test('the rich file exports back as written, apart from the board id; people and KPIs come in id order', () => {
    const [first] = roundTrip(RICH_BOARD_FILE)
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1)
    expect({ ...first, board: { ...first.board, id: 'rich' } }).toEqual({
      ...RICH_BOARD_FILE,
      people: [...RICH_BOARD_FILE.people].sort(byId),
      kpis: [...RICH_BOARD_FILE.kpis].sort(byId),
    })
  })

  test.each([
    ['the sample board', SAMPLE_BOARD],
    ['the rich hand-made file', RICH_BOARD_FILE],
  ])(
    'export → import into a fresh doc → export gives the same file apart from the board id (%s)',
    (_, file) => {
      const [first, second] = roundTrip(file)
      expect(second.board.id).toBe('second')
      expect({ ...second, board: { ...second.board, id: 'first' } }).toEqual(first)
    },
  )

  test('cards keep their display order inside each stage and stages their order inside each phase', () => {
    const file = structuredClone(RICH_BOARD_FILE)
    file.cards.reverse()
    const [first] = roundTrip(file)
    expect(first.cards.filter((c) => c.stageId === 'trial').map((c) => c.id)).toEqual([
      'h-checklist',
      'h-webinar',
    ])
    expect(first.stages.map((s) => s.id)).toEqual(RICH_BOARD_FILE.stages.map((s) => s.id))
  })

  test('card descriptions and hypothesis text import as rich text, one paragraph per line', () => {
    const doc = imported(RICH_BOARD_FILE)
    const card = roots(doc).cards.get('h-checklist') as Y.Map<unknown>
    const description = card.get('description')
    expect(description).toBeInstanceOf(Y.XmlFragment)
    expect((description as Y.XmlFragment).toString()).toBe(
      '<paragraph>Line one</paragraph><paragraph>Line two</paragraph>',
    )
    const plan = card.get('hypothesis') as Y.Map<unknown>
    for (const field of PLAN_TEXT_FIELDS) expect(plan.get(field)).toBeInstanceOf(Y.XmlFragment)
    expect(richTextOf(plan.get('statement'))).toBe(
      RICH_BOARD_FILE.cards.find((c) => c.id === 'h-checklist')!.hypothesis!.statement,
    )
  })

  test('formatting and lists typed in the editor export as plain text that survives import → export', () => {
    const doc = imported(RICH_BOARD_FILE)
    const card = roots(doc).cards.get('h-checklist') as Y.Map<unknown>
    const description = card.get('description') as Y.XmlFragment
    doc.transact(() => {
      const first = (description.get(0) as Y.XmlElement).get(0) as Y.XmlText
      first.format(0, 4, { bold: {} })
      description.insert(description.length, [xmlList('orderedList', ['Renewal call'])])
    })
    const plan = (roots(doc).cards.get('h-checklist') as Y.Map<unknown>).get('hypothesis') as Y.Map<unknown>
    ;((plan.get('triggers') as Y.XmlFragment).get(0) as Y.XmlElement).setAttribute('textAlign', 'left')
    const first = exportBoardFile('first', readBoard(doc))
    expect(first.cards.find((c) => c.id === 'h-checklist')!.description).toBe(
      'Line one\nLine two\n1. Renewal call',
    )
    const parsed = parseBoardFile(JSON.parse(JSON.stringify(first)))
    if (!parsed.ok) throw new Error(parsed.error)
    const second = exportBoardFile('first', readBoard(imported(parsed.value)))
    expect(second).toEqual(first)
  })
})
