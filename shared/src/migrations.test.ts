import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from './board.js'
import { MIGRATION_ORIGIN, MIGRATIONS, type Migration, migrate, SCHEMA_VERSION } from './migrations.js'
import { initBoard } from './ops/initBoard.js'
import { DEFAULT_STAGES } from './records/stage.js'
import { newRichText, richTextOf } from './richText.js'
import { roots, SCHEMA_VERSION_KEY, schemaVersionOf, yRecord } from './schema.js'

interface Fixture {
  /** What the fixture shows the migration doing. */
  name: string
  /** Writes a document as it was at schema version `version - 1`. */
  before(doc: Y.Doc): void
  /** Asserts the migration's effect on that document. */
  after(doc: Y.Doc): void
}

/**
 * One or more fixtures per migration, keyed by the version the migration produces. Adding a migration
 * without a fixture fails the "every migration is exercised" test below.
 */
const FIXTURES: Record<number, Fixture[]> = {
  1: [
    {
      name: 'an empty document gets a title and the default funnel',
      before: () => {},
      after: (doc) => {
        const board = readBoard(doc)
        expect(board.meta).toMatchObject({ title: 'Untitled board', description: '' })
        expect(board.stages.map((s) => [s.id, s.phase, s.name])).toEqual(
          DEFAULT_STAGES.map((s) => [s.id, s.phase, s.name]),
        )
        expect(board.repairs).toEqual([])
      },
    },
    {
      name: 'an old board keeps its title and cards, and its cards find the new stages',
      before: (doc) => {
        const r = roots(doc)
        r.meta.set('title', 'Old board')
        r.cards.set(
          'c1',
          yRecord({ kind: 'initiative', title: 'Kept', position: { stageId: 'retain', order: 'a0' } }),
        )
      },
      after: (doc) => {
        const board = readBoard(doc)
        expect(board.meta.title).toBe('Old board')
        expect(board.cardsByStage.retain!.map((c) => c.title)).toEqual(['Kept'])
      },
    },
    {
      name: 'a board that already has its own stages keeps exactly those',
      before: (doc) => {
        roots(doc).stages.set('pipeline', yRecord({ phase: 'get', name: 'Pipeline', order: 'a0' }))
      },
      after: (doc) => {
        expect([...roots(doc).stages.keys()]).toEqual(['pipeline'])
      },
    },
  ],
  2: [
    {
      name: 'card descriptions (Y.Text or string) become rich text, one paragraph per line',
      before: (doc) => {
        v1Board(doc)
        const { cards } = roots(doc)
        cards.set('typed', v1Card(v1Text('Line one\nLine two')))
        cards.set('plain', v1Card('From an old import'))
        cards.set(
          'missing',
          yRecord({
            kind: 'initiative',
            title: 'No description',
            position: { stageId: 'retain', order: 'a1' },
          }),
        )
        cards.set('empty', v1Card(v1Text('')))
      },
      after: (doc) => {
        const { cards } = roots(doc)
        const field = (id: string) => (cards.get(id) as Y.Map<unknown>).get('description')
        expect(blocksOf(field('typed'))).toEqual([
          ['paragraph', 'Line one'],
          ['paragraph', 'Line two'],
        ])
        expect(blocksOf(field('plain'))).toEqual([['paragraph', 'From an old import']])
        expect(blocksOf(field('missing'))).toEqual([])
        expect(blocksOf(field('empty'))).toEqual([])
        const board = readBoard(doc)
        expect(Object.fromEntries(board.cards.map((c) => [c.id, c.description]))).toEqual({
          typed: 'Line one\nLine two',
          plain: 'From an old import',
          missing: '',
          empty: '',
        })
        expect(board.repairs).toEqual([])
      },
    },
    {
      name: 'hypothesis statement, expected impact and triggers become rich text; other plan values stay',
      before: (doc) => {
        v1Board(doc)
        const { cards } = roots(doc)
        cards.set(
          'record',
          v1Card(
            '',
            yRecord({ statement: 'We believe\nit works', expectedImpact: '+3 pts', impact: 7, triggers: '' }),
          ),
        )
        // An old client wrote the whole plan as one JSON value.
        cards.set(
          'json',
          v1Card('', { statement: 'As JSON', ease: 4, horizon: { start: '2026-01-01', end: null } }),
        )
      },
      after: (doc) => {
        const { cards } = roots(doc)
        const plan = (id: string) => (cards.get(id) as Y.Map<unknown>).get('hypothesis') as Y.Map<unknown>
        expect(blocksOf(plan('record').get('statement'))).toEqual([
          ['paragraph', 'We believe'],
          ['paragraph', 'it works'],
        ])
        expect(blocksOf(plan('record').get('expectedImpact'))).toEqual([['paragraph', '+3 pts']])
        expect(blocksOf(plan('record').get('triggers'))).toEqual([])
        expect(plan('record').get('impact')).toBe(7)
        expect(plan('json')).toBeInstanceOf(Y.Map)
        expect(blocksOf(plan('json').get('statement'))).toEqual([['paragraph', 'As JSON']])
        const board = readBoard(doc)
        const byId = Object.fromEntries(board.cards.map((c) => [c.id, c.hypothesis]))
        expect(byId.record).toMatchObject({
          statement: 'We believe\nit works',
          expectedImpact: '+3 pts',
          impact: 7,
        })
        expect(byId.json).toMatchObject({
          statement: 'As JSON',
          ease: 4,
          horizon: { start: '2026-01-01', end: null },
        })
        expect(board.repairs).toEqual([])
      },
    },
    {
      name: 'fields that are already rich text are left alone, and running it again changes nothing',
      before: (doc) => {
        roots(doc).cards.set('rich', v1Card(newRichText('Already rich')))
      },
      after: (doc) => {
        const card = roots(doc).cards.get('rich') as Y.Map<unknown>
        const fragment = card.get('description')
        expect(blocksOf(fragment)).toEqual([['paragraph', 'Already rich']])
        const before = Y.encodeStateVector(doc)
        for (const m of MIGRATIONS.filter((m) => m.version === 2)) m.up(doc)
        expect(Y.encodeStateVector(doc)).toEqual(before)
        expect(card.get('description')).toBe(fragment)
      },
    },
  ],
}

/** A board as version 1 left it: the default funnel. */
function v1Board(doc: Y.Doc): void {
  MIGRATIONS.find((m) => m.version === 1)?.up(doc)
}

/** A v1 card: its description a Y.Text or a string, its plan text plain strings. */
function v1Card(description: unknown, hypothesis?: unknown) {
  return yRecord({
    kind: hypothesis === undefined ? 'initiative' : 'hypothesis',
    title: 'Card',
    description,
    position: { stageId: 'retain', order: 'a0' },
    hypothesis,
  })
}

function v1Text(text: string): Y.Text {
  const t = new Y.Text()
  t.insert(0, text)
  return t
}

/** The block names and texts of a stored rich-text field. */
function blocksOf(value: unknown): [string, string][] {
  expect(value).toBeInstanceOf(Y.XmlFragment)
  return (value as Y.XmlFragment)
    .toArray()
    .map((b) => [(b as Y.XmlElement).nodeName, richTextOf((b as Y.XmlElement).toArray()[0] ?? '')])
}

/** The migrations up to `version`, each wrapped to count how often it ran. */
function counted(version: number, runs: Map<number, number>): Migration[] {
  return MIGRATIONS.filter((m) => m.version <= version).map((m) => ({
    ...m,
    up: (doc: Y.Doc) => {
      runs.set(m.version, (runs.get(m.version) ?? 0) + 1)
      m.up(doc)
    },
  }))
}

/** Runs one fixture: from version v - 1 to v, asserting the effect; returns which migrations ran. */
function runFixture(v: number, fixture: Fixture): Map<number, number> {
  const doc = new Y.Doc()
  fixture.before(doc)
  if (v > 1) roots(doc).meta.set(SCHEMA_VERSION_KEY, v - 1)
  const runs = new Map<number, number>()
  expect(migrate(doc, counted(v, runs))).toEqual({ ok: true, value: { from: v - 1, to: v } })
  expect(schemaVersionOf(doc)).toBe(v)
  fixture.after(doc)
  return runs
}

describe('migrations', () => {
  for (const [version, fixtures] of Object.entries(FIXTURES)) {
    for (const fixture of fixtures) {
      test(`v${version}: ${fixture.name}`, () => {
        expect(runFixture(Number(version), fixture)).toEqual(new Map([[Number(version), 1]]))
      })
    }
  }

  test('every migration in MIGRATIONS has a fixture that runs it (and no fixture is left over)', () => {
    const versions = MIGRATIONS.map((m) => m.version).sort((a, b) => a - b)
    expect(
      Object.keys(FIXTURES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(versions)
    const exercised = new Set<number>()
    for (const [version, fixtures] of Object.entries(FIXTURES)) {
      for (const fixture of fixtures) {
        for (const ran of runFixture(Number(version), fixture).keys()) exercised.add(ran)
      }
    }
    expect([...exercised].sort((a, b) => a - b)).toEqual(versions)
  })

  test('versions count up from 1 without gaps and SCHEMA_VERSION is the last one', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length)
  })

  test('migrating brings a document to SCHEMA_VERSION in one transaction with the migration origin', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr) => origins.push(tr.origin))
    expect(migrate(doc)).toEqual({ ok: true, value: { from: 0, to: SCHEMA_VERSION } })
    expect(origins).toEqual([MIGRATION_ORIGIN])
  })

  test('migrating a current document changes nothing', () => {
    const doc = new Y.Doc()
    migrate(doc)
    const before = Y.encodeStateVector(doc)
    expect(migrate(doc)).toEqual({ ok: true, value: { from: SCHEMA_VERSION, to: SCHEMA_VERSION } })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  test('migrate refuses a document with a newer schema version and leaves it alone', () => {
    const doc = new Y.Doc()
    roots(doc).meta.set(SCHEMA_VERSION_KEY, SCHEMA_VERSION + 1)
    const before = Y.encodeStateVector(doc)
    const result = migrate(doc)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toContain(`version ${SCHEMA_VERSION + 1} is newer`)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(roots(doc).stages.size).toBe(0)
  })

  test('two replicas migrating an empty board at once converge on one set of default stages', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.clientID = 1
    b.clientID = 2
    migrate(a)
    migrate(b)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(roots(a).stages.size).toBe(DEFAULT_STAGES.length)
    expect(readBoard(a)).toEqual(readBoard(b))
    expect(readBoard(a).stages.map((s) => s.id)).toEqual(DEFAULT_STAGES.map((s) => s.id))
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b))
  })

  test('two replicas creating the same board at once converge on one title and one funnel', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    initBoard(a, { title: 'From A' })
    initBoard(b, { title: 'From B' })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readBoard(a)).toEqual(readBoard(b))
    expect(['From A', 'From B']).toContain(readBoard(a).meta.title)
    expect(readBoard(a).stages).toHaveLength(DEFAULT_STAGES.length)
  })
})
