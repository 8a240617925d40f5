// Gives a card a position at an index of a stage, re-keying neighbours when concurrent inserts left
// cards with the same key (or a replica wrote broken keys). Runs inside the caller's transaction.
// The stage's other cards are read from the document unless the caller read them just before.

import type * as Y from 'yjs'
import { keyForIndex, type Ordered } from '../ordering.js'
import { recordIn, roots } from '../schema.js'
import { positionOf, stageSiblings } from './siblings.js'

export function placeInStage(
  doc: Y.Doc,
  card: Y.Map<unknown>,
  cardId: string,
  stageId: string,
  index: number,
  siblings: readonly Ordered[] = stageSiblings(doc, stageId, cardId),
): void {
  const { key, rekeys } = keyForIndex(siblings, index)
  for (const rekey of rekeys) {
    const other = recordIn(roots(doc).cards, rekey.id)
    // Only cards stored in this stage are re-keyed. One shown here because its stage is unknown, or
    // because its position was deleted by an update whose replacement has not arrived yet, keeps
    // what it has: writing a position for it would override the one on its way.
    if (other && positionOf(other).stageId === stageId) {
      other.set('position', { stageId, order: rekey.key })
    }
  }
  card.set('position', { stageId, order: key })
}
