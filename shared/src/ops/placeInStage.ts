// Gives a card a position at an index of a stage, re-keying neighbours when concurrent inserts left
// cards with the same key (or a replica wrote broken keys). Runs inside the caller's transaction.

import type * as Y from 'yjs'
import { keyForIndex } from '../ordering.js'
import { recordIn, roots } from '../schema.js'
import { positionOf, stageSiblings } from './siblings.js'

export function placeInStage(
  doc: Y.Doc,
  card: Y.Map<unknown>,
  cardId: string,
  stageId: string,
  index: number,
): void {
  const siblings = stageSiblings(doc, stageId, cardId)
  const { key, rekeys } = keyForIndex(siblings, index)
  for (const rekey of rekeys) {
    const other = recordIn(roots(doc).cards, rekey.id)
    // Keep the stored stage id: a card waiting for a stage that has not synced yet stays waiting.
    if (other) other.set('position', { stageId: positionOf(other).stageId, order: rekey.key })
  }
  card.set('position', { stageId, order: key })
}
