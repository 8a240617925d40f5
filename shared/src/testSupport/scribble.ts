// Random junk written into a board's document, as a buggy or hostile replica might: for the tests that
// prove reading a board never throws and reads the same however it is read.

import * as Y from 'yjs'
import { roots } from '../schema.js'
import type { Random } from './seededRandom.js'

const FIELDS = [
  'kind',
  'title',
  'description',
  'position',
  'status',
  'owners',
  'kpiIds',
  'tags',
  'parentId',
  'hypothesis',
  'phase',
  'name',
  'order',
  'unit',
  'direction',
  'baseline',
  'target',
  'functions',
  'checkIns',
  'createdAt',
  'stageId',
  '__proto__',
  'constructor',
  'toJSON',
  '',
]

export function junk(rnd: Random, depth = 0): unknown {
  const ids = ['c0', 'c1', 's0', 'acquire', 'retain', 'k0', 'p0', '', '__proto__']
  switch (rnd.int(depth > 1 ? 9 : 14)) {
    case 0:
      return rnd.pick(ids)
    case 1:
      return rnd.pick([0, -1, 3.5, 11, 1e308, Number.NaN, Number.POSITIVE_INFINITY, 7])
    case 2:
      return rnd.chance(0.5)
    case 3:
      return null
    case 4:
      return rnd.pick(['idea', 'hypothesis', 'get', 'up', 'a0', '2026-01-01', 'not-a-date', 'x'.repeat(500)])
    case 5:
      return BigInt(rnd.int(1000))
    case 6:
      return new Uint8Array([rnd.int(256), rnd.int(256)])
    case 7:
      return rnd.pick(['a1', 'Zz', '', 'zzzzzzzzzz', '!', 'a0V'])
    case 8:
      return undefined
    case 9:
      return Array.from({ length: rnd.int(4) }, () => junk(rnd, depth + 1))
    case 10: {
      // Yjs refuses plain objects whose constructor was overwritten, so those keys go only into Y.Maps.
      const o: Record<string, unknown> = {}
      const plainKeys = FIELDS.filter((f) => f !== '__proto__' && f !== 'constructor')
      for (let i = rnd.int(4); i > 0; i--) o[rnd.pick(plainKeys)] = junk(rnd, depth + 1)
      return o
    }
    case 11: {
      const m = new Y.Map<unknown>()
      for (let i = rnd.int(4); i > 0; i--) m.set(rnd.pick(FIELDS), junk(rnd, depth + 1))
      return m
    }
    case 12: {
      const a = new Y.Array<unknown>()
      // Y.Array cannot hold undefined or bigints (Y.Map can); it holds null instead.
      const item = () => {
        const v = junk(rnd, depth + 2)
        return v === undefined || typeof v === 'bigint' ? null : v
      }
      a.push(Array.from({ length: rnd.int(3) }, item))
      return a
    }
    default:
      return new Y.Text(rnd.pick(['text', '', 'acquire']))
  }
}

/** Writes one random value into a random field of a random record, or replaces a record outright. */
export function scribble(doc: Y.Doc, rnd: Random): void {
  const r = roots(doc)
  const root = rnd.pick([r.cards, r.cards, r.stages, r.kpis, r.people, r.meta])
  const ids = [...root.keys()]
  if (root === r.meta || ids.length === 0 || rnd.chance(0.1)) {
    root.set(rnd.pick([...ids, 'c9', 'k9', 'northStarKpiId', 'title', 'schemaVersion']), junk(rnd))
    return
  }
  const record = root.get(rnd.pick(ids))
  if (record instanceof Y.Map) record.set(rnd.pick(FIELDS), junk(rnd))
  else root.set(rnd.pick(ids), junk(rnd))
}
