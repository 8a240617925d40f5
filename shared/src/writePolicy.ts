// Which parts of the board document a client may write, by role. The server applies this to the
// touches of every incoming update (guard.ts) before it stores or applies anything.

import type { Touch } from './guard.js'
import type { Role } from './records/member.js'
import { fail, ok, type Result } from './result.js'
import { SERVER_ROOTS, SERVER_STATUSES } from './schema.js'

/** Board settings only the owner changes: the stages and the board's own title and description. */
const OWNER_META_FIELDS = new Set(['title', 'description', 'schemaVersion'])

/** Who is writing, and the author of each existing comment: needed to check writes to comments. */
export interface WriteContext {
  identity: string
  authorOf: (commentId: string) => string | null
}

function checkComments(touches: readonly Touch[], ctx: WriteContext | undefined): Result<undefined> {
  const keys = new Set(touches.flatMap((t) => (t.root === 'comments' && t.key !== null ? [t.key] : [])))
  if (touches.some((t) => t.root === 'comments' && t.key === null)) return fail('comments are records by id')
  if (keys.size === 0) return ok(undefined)
  if (!ctx) return fail('a comment needs a known author')
  for (const key of keys) {
    const existing = ctx.authorOf(key)
    if (existing !== null && existing !== ctx.identity)
      return fail('only its author changes or deletes a comment')
    const authorValues = touches.filter((t) => t.root === 'comments' && t.key === key && t.field === 'author')
    if (authorValues.some((t) => t.values.some((v) => v !== ctx.identity))) {
      return fail('a comment is written in its author’s own name')
    }
    if (existing === null) {
      const created = touches.some(
        (t) => t.root === 'comments' && t.key === key && t.field === null && !t.deletes,
      )
      const named = authorValues.some((t) => t.values.includes(ctx.identity))
      if (created && !named) return fail('a comment is written in its author’s own name')
    }
  }
  return ok(undefined)
}

export function checkClientWrite(
  touches: readonly Touch[],
  role: Role,
  ctx?: WriteContext,
): Result<undefined> {
  // A viewer's update is refused even when it names no place: it may still claim ids or clocks.
  if (role === 'viewer') return fail('viewers cannot edit')
  if (touches.length === 0) return ok(undefined)
  const comments = checkComments(touches, ctx)
  if (!comments.ok) return comments
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
