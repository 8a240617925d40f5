// Checks shared by the card ops: titles and stage ids as users and clients send them.

import { MAX_TITLE_LENGTH } from '../records/card.js'
import { fail, ok, type Result } from '../result.js'

export function cleanTitle(title: unknown): Result<string> {
  if (typeof title !== 'string') return fail('title must be a string')
  const trimmed = title.replace(/\s+/g, ' ').trim()
  if (trimmed === '') return fail('title must not be empty')
  if (trimmed.length > MAX_TITLE_LENGTH) return fail(`title must be at most ${MAX_TITLE_LENGTH} characters`)
  return ok(trimmed)
}
