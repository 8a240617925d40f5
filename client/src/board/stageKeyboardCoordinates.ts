// Keyboard moves for a dragged card. Left and right go to the previous or next stage in board order
// (across phase bands too), landing beside the card nearest in height, or in the empty column; up and
// down reorder within the stage as dnd-kit's sortable default does. Deciding by stage order rather
// than by geometry keeps a slightly offset or rotated drag preview from picking a card in its own
// column.

import type { KeyboardCoordinateGetter } from '@dnd-kit/core'
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import { findStage, type StageItems, stageDropId } from './stageItems'

export function stageKeyboardCoordinates(
  getItems: () => StageItems,
  getStageOrder: () => readonly string[],
): KeyboardCoordinateGetter {
  return (event, args) => {
    const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0
    if (step === 0) return sortableKeyboardCoordinates(event, args)
    event.preventDefault()
    const { active, collisionRect, droppableRects } = args.context
    if (!active || !collisionRect) return undefined
    const items = getItems()
    const order = getStageOrder()
    const from = findStage(items, active.id)
    const to = from === null ? undefined : order[order.indexOf(from) + step]
    if (to === undefined) return undefined
    let nearest: { top: number; left: number } | undefined
    let distance = Number.POSITIVE_INFINITY
    for (const id of items[to] ?? []) {
      const rect = droppableRects.get(id)
      if (rect && Math.abs(rect.top - collisionRect.top) < distance) {
        nearest = rect
        distance = Math.abs(rect.top - collisionRect.top)
      }
    }
    const target = nearest ?? droppableRects.get(stageDropId(to))
    return target ? { x: target.left, y: target.top } : undefined
  }
}
