// Edits a card's simple fields. Each field is its own map key, so concurrent edits of different
// fields both survive; concurrent edits of one field resolve last-writer-wins on every replica alike.

import type * as Y from 'yjs'
import { CARD_KINDS, type CardKind } from '../records/card.js'
import { emptyPlan } from '../records/hypothesis.js'
import { fail, ok, type Result } from '../result.js'
import { recordIn, roots, yRecord } from '../schema.js'
import { cleanTitle } from './validate.js'

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
  const card = recordIn(roots(doc).cards, cardId)
  if (!card) return fail(`unknown card ${cardId}`)
  const title = patch.title === undefined ? null : cleanTitle(patch.title)
  if (title && !title.ok) return title
  if (patch.kind !== undefined && !CARD_KINDS.includes(patch.kind)) {
    return fail(`kind must be one of ${CARD_KINDS.join(', ')}`)
  }
  doc.transact(() => {
    if (title?.ok && card.get('title') !== title.value) card.set('title', title.value)
    if (patch.kind !== undefined && card.get('kind') !== patch.kind) {
      card.set('kind', patch.kind)
      if (patch.kind === 'hypothesis' && !card.has('hypothesis'))
        card.set('hypothesis', yRecord({ ...emptyPlan() }))
    }
    card.set('updatedBy', by)
    card.set('updatedAt', now.toISOString())
  }, origin)
  return ok(undefined)
}
