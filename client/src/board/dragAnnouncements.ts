// What screen readers hear while a card is dragged, in the board's words (card titles and stage
// names) instead of dnd-kit's default ids.

import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core'
import { findStage, placeOf, type StageItems } from './stageItems'

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
  // Said once per new place: a move within a stage and the stage change it causes report it twice.
  let lastPlace: string | null = null
  const where = (ctx: DragContext, activeId: string) => {
    const place = placeOf(ctx.items, activeId)
    return place
      ? `stage ${ctx.stageName(place.stageId)}, position ${place.index + 1} of ${place.count}`
      : null
  }
  const moved = (activeId: string) => {
    const ctx = context()
    const place = where(ctx, activeId)
    if (!place || place === lastPlace) return undefined
    lastPlace = place
    return `Card ${ctx.titleOf(activeId)} moved to ${place}.`
  }
  return {
    onDragStart({ active }) {
      const ctx = context()
      const id = String(active.id)
      const place = where(ctx, id)
      lastPlace = place
      return `Picked up card ${ctx.titleOf(id)}.${place ? ` It is in ${place}.` : ''}`
    },
    onDragMove({ active, over }) {
      return over ? moved(String(active.id)) : undefined
    },
    onDragOver({ active, over }) {
      const id = String(active.id)
      if (over) return moved(id)
      lastPlace = null
      return `Card ${context().titleOf(id)} is no longer over a stage.`
    },
    onDragEnd({ active, over }) {
      const ctx = context()
      const id = String(active.id)
      const target = over ? placeOf(ctx.items, id) : null
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
