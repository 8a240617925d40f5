// The cards of one stage in display order, read straight from the document for computing keys.
// Positions and stages are read exactly as readBoard reads them (broken positions and unknown stages
// show in the first stage), so an index means the same here as on the user's screen.

import * as Y from 'yjs'
import { readStages } from '../board.js'
import { compareOrdered, type Ordered } from '../ordering.js'
import { readPosition } from '../records/card.js'
import { roots } from '../schema.js'

export function positionOf(card: Y.Map<unknown>): { stageId: string; order: string } {
  return readPosition(card.get('position'), 'position')
}

/** Ids of the stages the board shows (what readBoard shows), first one first. */
export function shownStageIds(doc: Y.Doc): string[] {
  return readStages(doc).map((s) => s.id)
}

export function stageSiblings(doc: Y.Doc, stageId: string, excludeId?: string): Ordered[] {
  const stageIds = shownStageIds(doc)
  const first = stageIds[0]
  const shown = new Set(stageIds)
  const out: Ordered[] = []
  roots(doc).cards.forEach((card, id) => {
    if (id === excludeId || !(card instanceof Y.Map)) return
    const p = positionOf(card as Y.Map<unknown>)
    const displayedIn = shown.has(p.stageId) ? p.stageId : first
    if (displayedIn === stageId) out.push({ id, order: p.order })
  })
  return out.sort(compareOrdered)
}
