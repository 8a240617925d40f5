// The cards of each stage column, in the order of the stage items (the board's, or a drag's), kept
// from one render of the funnel to the next: a column whose cards are the same objects keeps its
// list, so a drop or an edit re-renders only the stages it touched, and a stage whose ids are the
// same list as last time, looked up in the same cards, is not walked again (a drag step changes the
// lists of the stages it moves through only).

import type { Card } from '@tideboard/shared'
import { ownValue, sameElements } from '../state/ownLists'
import type { StageItems } from './stageItems'

export interface StageCards {
  items: StageItems
  cardsById: ReadonlyMap<string, Card>
  lists: Record<string, Card[]>
}

export function stageCards(
  items: StageItems,
  cardsById: ReadonlyMap<string, Card>,
  last: StageCards | null,
): StageCards {
  // fromEntries, so that a stage id like "__proto__" is a list of its own.
  const lists: Record<string, Card[]> = Object.fromEntries(
    Object.entries(items).map(([stageId, ids]) => {
      const before = last ? ownValue(last.lists, stageId) : undefined
      const lastIds = last ? ownValue(last.items, stageId) : undefined
      if (before && last?.cardsById === cardsById && lastIds === ids) return [stageId, before]
      // A card deleted by someone else mid-drag simply drops out of the list.
      const cards = ids.flatMap((id) => cardsById.get(id) ?? [])
      return [stageId, before && sameElements(before, cards) ? before : cards]
    }),
  )
  return { items, cardsById, lists }
}
