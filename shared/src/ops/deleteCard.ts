// Deletes a card. Hypotheses that named it as their parent keep their own place; readBoard shows
// their parent link as gone.

import type * as Y from 'yjs'
import { fail, ok, type Result } from '../result.js'
import { roots } from '../schema.js'

export function deleteCard(doc: Y.Doc, cardId: string, origin: unknown = null): Result<undefined> {
  const { cards } = roots(doc)
  if (!cards.has(cardId)) return fail(`unknown card ${cardId}`)
  doc.transact(() => cards.delete(cardId), origin)
  return ok(undefined)
}
