// Edits a card's title or kind: the quick edits made on the board itself. A narrow entry point into
// updateCard, which checks and writes every card field.

import type * as Y from 'yjs'
import type { CardKind } from '../records/card.js'
import type { Result } from '../result.js'
import { updateCard } from './updateCard.js'

export interface CardPatch {
  title?: string
  kind?: CardKind
}

export function editCard(
  doc: Y.Doc,
  cardId: string,
  patch: CardPatch,
  by: string | null = null,
  origin: unknown = null,
  now: Date = new Date(),
): Result<undefined> {
  const update: CardPatch = {}
  if (patch.title !== undefined) update.title = patch.title
  if (patch.kind !== undefined) update.kind = patch.kind
  return updateCard(doc, cardId, update, by, origin, now)
}
