// The cards of one stage in display order, read straight from the document for computing keys.
// Unknown stages and broken positions are handled like readBoard does, so keys match what users see.

import * as Y from 'yjs'
import { compareOrdered, type Ordered } from '../ordering.js'
import { roots } from '../schema.js'

export function positionOf(card: Y.Map<unknown>): { stageId: string; order: string } {
  const p = card.get('position') as { stageId?: unknown; order?: unknown } | undefined
  return {
    stageId: typeof p?.stageId === 'string' ? p.stageId : '',
    order: typeof p?.order === 'string' ? p.order : '',
  }
}

export function stageSiblings(doc: Y.Doc, stageId: string, excludeId?: string): Ordered[] {
  const out: Ordered[] = []
  roots(doc).cards.forEach((card, id) => {
    if (id === excludeId || !(card instanceof Y.Map)) return
    const p = positionOf(card as Y.Map<unknown>)
    if (p.stageId === stageId) out.push({ id, order: p.order })
  })
  return out.sort(compareOrdered)
}
