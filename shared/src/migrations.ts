// Schema migrations for board documents. The server runs them when it loads a board, before the
// first client syncs; clients never migrate, they refuse to edit a board newer than they know.
// Every migration must be idempotent and convergent: two replicas running it concurrently end equal.

import * as Y from 'yjs'
import { keysInOrder } from './ordering.js'
import { PHASES } from './records/phase.js'
import { DEFAULT_STAGES } from './records/stage.js'
import { fail, ok, type Result } from './result.js'
import { newRichText, PLAN_TEXT_FIELDS, richTextOf } from './richText.js'
import { roots, SCHEMA_VERSION_KEY, schemaVersionOf, type YRecord, yRecord } from './schema.js'

export interface Migration {
  /** The schema version the document has after this migration. */
  version: number
  name: string
  up(doc: Y.Doc): void
}

/** Stores `record[key]` as rich text unless it already is: old text becomes one paragraph per line. */
function toRichText(record: YRecord, key: string): void {
  const value = record.get(key)
  if (value instanceof Y.XmlFragment) return
  const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : richTextOf(value)
  record.set(key, newRichText(text))
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'default funnel stages',
    up(doc) {
      const { stages, meta } = roots(doc)
      if (typeof meta.get('title') !== 'string') meta.set('title', 'Untitled board')
      if (typeof meta.get('description') !== 'string') meta.set('description', '')
      if (stages.size > 0) return
      // Default stages have fixed ids and keys, so replicas that create them concurrently converge.
      for (const phase of PHASES) {
        const inPhase = DEFAULT_STAGES.filter((s) => s.phase === phase)
        const keys = keysInOrder(inPhase.length)
        inPhase.forEach((s, i) => {
          stages.set(s.id, yRecord({ phase: s.phase, name: s.name, order: keys[i] }))
        })
      }
    },
  },
  {
    version: 2,
    name: 'card descriptions and hypothesis text become rich text',
    up(doc) {
      roots(doc).cards.forEach((card) => {
        if (!(card instanceof Y.Map)) return
        toRichText(card, 'description')
        let plan = card.get('hypothesis')
        // A plan written as one plain object becomes a record, so its text fields can be rich text.
        if (
          plan !== null &&
          typeof plan === 'object' &&
          !(plan instanceof Y.AbstractType) &&
          !Array.isArray(plan)
        ) {
          plan = yRecord(plan as Record<string, unknown>)
          card.set('hypothesis', plan)
        }
        if (plan instanceof Y.Map) for (const field of PLAN_TEXT_FIELDS) toRichText(plan, field)
      })
    },
  },
]

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0)

export const MIGRATION_ORIGIN = { source: 'migration' } as const

/** Brings a document up to SCHEMA_VERSION in one transaction. */
export function migrate(
  doc: Y.Doc,
  migrations: readonly Migration[] = MIGRATIONS,
): Result<{ from: number; to: number }> {
  const from = schemaVersionOf(doc)
  const target = migrations.reduce((max, m) => Math.max(max, m.version), 0)
  if (from > target) return fail(`board schema version ${from} is newer than this server knows (${target})`)
  if (from === target) return ok({ from, to: from })
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version)
  doc.transact(() => {
    for (const m of pending) m.up(doc)
    roots(doc).meta.set(SCHEMA_VERSION_KEY, target)
  }, MIGRATION_ORIGIN)
  return ok({ from, to: target })
}
