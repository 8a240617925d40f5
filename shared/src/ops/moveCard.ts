// Moves a card to an index in a stage (its own or another). Status never changes on a move.

import type * as Y from 'yjs'
import type { Ordered } from '../ordering.js'
import { fail, ok, type Result } from '../result.js'
import { recordIn, roots } from '../schema.js'
import { placeInStage } from './placeInStage.js'
import { shownStageIds } from './siblings.js'

export interface MoveCardArgs {
  cardId: string
  toStageId: string
  /** Index among the target stage's cards, not counting the moved card. */
  index: number
  by?: string | null
  now?: Date
  /**
   * The target stage's cards in display order without the moved one, when the caller has just read
   * them as readBoard reads them (the client's board); else moveCard reads them from the document,
   * which walks every card of the board.
   */
  siblings?: readonly Ordered[]
}

export function moveCard(doc: Y.Doc, args: MoveCardArgs, origin: unknown = null): Result<undefined> {
  const card = recordIn(roots(doc).cards, args.cardId)
  if (!card) return fail(`unknown card ${args.cardId}`)
  if (!shownStageIds(doc).includes(args.toStageId)) return fail(`unknown stage ${args.toStageId}`)
  if (!Number.isInteger(args.index) || args.index < 0) return fail('index must be a non-negative integer')
  doc.transact(() => {
    placeInStage(doc, card, args.cardId, args.toStageId, args.index, args.siblings)
    card.set('updatedBy', args.by ?? null)
    card.set('updatedAt', (args.now ?? new Date()).toISOString())
  }, origin)
  return ok(undefined)
}
