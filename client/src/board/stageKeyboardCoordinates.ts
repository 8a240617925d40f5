// Keyboard moves for a dragged card, by the lists rather than by geometry alone: up and down swap it
// with its neighbour in the stage; left and right take it to the previous or next stage in board order
// (across phase bands too), beside the card nearest in height, or into the empty column. The move is
// made in the lists first (`place`); the coordinates returned only carry the drag preview there.

import type { KeyboardCoordinateGetter } from '@dnd-kit/core'
import { cardListOf, insertionIndex, rowGap, slotOf } from './slotGeometry'
import { placeOf, type StageItems } from './stageItems'

export interface KeyboardPlacement {
  getItems(): StageItems
  getStageOrder(): readonly string[]
  /** Moves the dragged card to `index` among the other cards of `stageId`. */
  place(cardId: string, stageId: string, index: number): void
}

const STEPS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
}

export function stageKeyboardCoordinates({
  getItems,
  getStageOrder,
  place,
}: KeyboardPlacement): KeyboardCoordinateGetter {
  return (event, { active, context: { collisionRect } }) => {
    const step = STEPS[event.code]
    if (!step) return undefined
    // Arrows move the card, never the page, even at the ends of the board.
    event.preventDefault()
    const cardId = String(active)
    const items = getItems()
    const here = placeOf(items, cardId)
    if (!here || !collisionRect) return undefined
    const [across, down] = step

    if (across === 0) {
      const neighbour = items[here.stageId]?.[here.index + down]
      const rect = neighbour === undefined ? undefined : slotOf(neighbour)?.getBoundingClientRect()
      if (!rect) return undefined
      place(cardId, here.stageId, here.index + down)
      return { x: collisionRect.left, y: down > 0 ? rect.bottom - collisionRect.height : rect.top }
    }

    const order = getStageOrder()
    const to = order[order.indexOf(here.stageId) + across]
    const list = to === undefined ? null : cardListOf(to)
    if (to === undefined || !list) return undefined
    const index = insertionIndex(list, collisionRect.top + collisionRect.height / 2, cardId)
    const before = list.children[index]?.getBoundingClientRect()
    const last = list.lastElementChild?.getBoundingClientRect()
    const column = list.getBoundingClientRect()
    place(cardId, to, index)
    return { x: column.left, y: before ? before.top : last ? last.bottom + rowGap(list) : column.top }
  }
}
