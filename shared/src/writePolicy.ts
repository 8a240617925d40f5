// Which parts of the board document a client may write, by role. The server applies this to the
// touches of every incoming update (guard.ts) before it stores or applies anything.

import type { Touch } from './guard.js'
import type { Role } from './records/member.js'
import { fail, ok, type Result } from './result.js'
import { SERVER_ROOTS, SERVER_STATUSES } from './schema.js'

/** Board settings only the owner changes: the stages and the board's own title and description. */
const OWNER_META_FIELDS = new Set(['title', 'description', 'schemaVersion'])

export function checkClientWrite(touches: readonly Touch[], role: Role): Result<undefined> {
  if (touches.length === 0) return ok(undefined)
  if (role === 'viewer') return fail('viewers cannot edit')
  for (const t of touches) {
    if ((SERVER_ROOTS as readonly string[]).includes(t.root)) {
      return fail(`${t.root} are recorded by the server; clients cannot write them`)
    }
    if (
      t.root === 'cards' &&
      t.field === 'status' &&
      t.values.some((v) => SERVER_STATUSES.includes(String(v)))
    ) {
      return fail('a card becomes approved or declined only through leaders’ decisions')
    }
    if (role !== 'owner' && t.root === 'stages') return fail('only the board owner changes stages')
    if (role !== 'owner' && t.root === 'meta' && t.key !== null && OWNER_META_FIELDS.has(t.key)) {
      return fail(`only the board owner changes the board ${t.key}`)
    }
  }
  return ok(undefined)
}
