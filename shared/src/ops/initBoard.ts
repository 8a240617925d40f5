// Fills a new, empty board document: title, description and the current schema (default stages).

import type * as Y from 'yjs'
import { migrate } from '../migrations.js'
import { fail, ok, type Result } from '../result.js'
import { roots } from '../schema.js'

export function initBoard(
  doc: Y.Doc,
  args: { title: string; description?: string },
  origin: unknown = null,
): Result<undefined> {
  const title = args.title.replace(/\s+/g, ' ').trim()
  if (title === '') return fail('title must not be empty')
  if (title.length > 200) return fail('title must be at most 200 characters')
  doc.transact(() => {
    const { meta } = roots(doc)
    meta.set('title', title)
    meta.set('description', args.description ?? '')
    meta.set('northStarKpiId', null)
  }, origin)
  const migrated = migrate(doc)
  return migrated.ok ? ok(undefined) : migrated
}
