// What screen readers hear while a card is dragged, in the board's words (card titles and stage
// names) instead of dnd-kit's default ids.

import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core'
import { dropTarget, findStage, type StageItems } from './stageItems'

export interface DragContext {
  items: StageItems
  titleOf(cardId: string): string
  stageName(stageId: string): string
  /** The stage the card was in when picked up. */
  fromStageId: string | null
}

export const dragInstructions: ScreenReaderInstructions = {
  draggable:
    'To move this card, press Space or Enter to pick it up. Use the left and right arrow keys to move it ' +
    'between stages and the up and down arrow keys to change its position. Press Space or Enter to drop ' +
    'it, or Escape to cancel. Press F2 to edit its title.',
}

export function dragAnnouncements(context: () => DragContext): Announcements {
  // Said once per new place: dnd-kit also reports "over" for the spot the card was picked up from.
  let lastPlace: string | null = null
  const where = (ctx: DragContext, activeId: string, overId: string | number) => {
    const target = dropTarget(ctx.items, activeId, overId)
    return target
      ? `stage ${ctx.stageName(target.stageId)}, position ${target.index + 1} of ${target.count}`
      : null
  }
  return {
    onDragStart({ active }) {
      const ctx = context()
      const id = String(active.id)
      const place = where(ctx, id, id)
      lastPlace = place
      return `Picked up card ${ctx.titleOf(id)}.${place ? ` It is in ${place}.` : ''}`
    },
    onDragOver({ active, over }) {
      const ctx = context()
      const id = String(active.id)
      if (!over) {
        lastPlace = null
        return `Card ${ctx.titleOf(id)} is no longer over a stage.`
      }
      const place = where(ctx, id, over.id)
      if (!place || place === lastPlace) return undefined
      lastPlace = place
      return `Card ${ctx.titleOf(id)} moved to ${place}.`
    },
    onDragEnd({ active, over }) {
      const ctx = context()
      const id = String(active.id)
      const target = over ? dropTarget(ctx.items, id, over.id) : null
      if (!target) {
        const home = ctx.fromStageId ?? findStage(ctx.items, id)
        return `Card ${ctx.titleOf(id)} was not dropped on a stage; it stays in ${home ? ctx.stageName(home) : 'its stage'}.`
      }
      return `Card ${ctx.titleOf(id)} dropped in ${ctx.stageName(target.stageId)}, position ${target.index + 1} of ${target.count}.`
    },
    onDragCancel({ active }) {
      const ctx = context()
      const id = String(active.id)
      const home = ctx.fromStageId
      return `Moving cancelled. Card ${ctx.titleOf(id)} is back in ${home ? ctx.stageName(home) : 'its stage'}.`
    },
  }
}
