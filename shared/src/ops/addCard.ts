// Adds a card to a stage at a given index (default: the end), in one transaction.

import * as Y from 'yjs'
import { CARD_KINDS, type CardKind } from '../records/card.js'
import { planRecord } from '../records/hypothesis.js'
import { fail, ok, type Result } from '../result.js'
import { newRichText } from '../richText.js'
import { roots, yRecord } from '../schema.js'
import { newId } from './newId.js'
import { placeInStage } from './placeInStage.js'
import { shownStageIds, stageSiblings } from './siblings.js'
import { cleanTitle } from './validate.js'

export interface AddCardArgs {
  kind: CardKind
  title: string
  stageId: string
  /** Position among the stage's cards; defaults to the end. */
  index?: number
  id?: string
  /** Who adds it (person or member id), recorded as createdBy. */
  by?: string | null
  now?: Date
}

export function addCard(doc: Y.Doc, args: AddCardArgs, origin: unknown = null): Result<string> {
  if (!CARD_KINDS.includes(args.kind)) return fail(`kind must be one of ${CARD_KINDS.join(', ')}`)
  const title = cleanTitle(args.title)
  if (!title.ok) return title
  if (args.index !== undefined && (!Number.isInteger(args.index) || args.index < 0)) {
    return fail('index must be a non-negative integer')
  }
  const { cards } = roots(doc)
  if (!shownStageIds(doc).includes(args.stageId)) return fail(`unknown stage ${args.stageId}`)
  const id = args.id ?? newId()
  if (id === '') return fail('id must not be empty')
  if (cards.has(id)) return fail(`card ${id} already exists`)
  const at = (args.now ?? new Date()).toISOString()
  doc.transact(() => {
    const card = yRecord({
      kind: args.kind,
      title: title.value,
      description: newRichText(''),
      status: 'idea',
      owners: new Y.Map<string>(),
      kpiIds: new Y.Array<string>(),
      tags: new Y.Array<string>(),
      extraFunctions: new Y.Array<string>(),
      parentId: null,
      hypothesis: args.kind === 'hypothesis' ? planRecord() : undefined,
      createdBy: args.by ?? null,
      createdAt: at,
      updatedBy: args.by ?? null,
      updatedAt: at,
    })
    cards.set(id, card)
    const index = args.index ?? stageSiblings(doc, args.stageId, id).length
    placeInStage(doc, card, id, args.stageId, index)
  }, origin)
  return ok(id)
}
