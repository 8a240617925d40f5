// Gives a card a position at an index of a stage, re-keying a neighbour when concurrent inserts left
// two cards with the same key. Runs inside the caller's transaction.

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
  const { key, rekey } = keyForIndex(siblings, index)
  if (rekey) {
    const other = recordIn(roots(doc).cards, rekey.id)
    if (other) other.set('position', { stageId: positionOf(other).stageId, order: rekey.key })
  }
  card.set('position', { stageId, order: key })
}
