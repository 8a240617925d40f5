// Card ids per stage while a drag is under way (the multi-container pattern): the card being dragged
// moves between these lists as it crosses stages, and the drop is computed from them. Pure functions.

import type { Board } from '@tideboard/shared'

export type StageItems = Readonly<Record<string, readonly string[]>>

/** Stage columns are droppables too (so empty stages accept drops); their ids carry this prefix. */
const STAGE_PREFIX = 'stage:'

export function stageDropId(stageId: string): string {
  return `${STAGE_PREFIX}${stageId}`
}

export function stageOfDropId(id: string | number): string | null {
  const s = String(id)
  return s.startsWith(STAGE_PREFIX) ? s.slice(STAGE_PREFIX.length) : null
}

export function itemsFromBoard(board: Pick<Board, 'stages' | 'cardsByStage'>): StageItems {
  const items: Record<string, string[]> = {}
  for (const stage of board.stages) items[stage.id] = (board.cardsByStage[stage.id] ?? []).map((c) => c.id)
  return items
}

/** The stage holding a card id, or the stage a column droppable id stands for. */
export function findStage(items: StageItems, id: string | number): string | null {
  const stageId = stageOfDropId(id)
  if (stageId !== null) return stageId in items ? stageId : null
  const cardId = String(id)
  for (const [sid, ids] of Object.entries(items)) if (ids.includes(cardId)) return sid
  return null
}

/**
 * Moves the dragged card into the stage of `overId` when that is another stage: before the card it is
 * over (after it when `below`), or at the end when over the column itself. Same stage: unchanged.
 */
export function moveAcross(items: StageItems, activeId: string, overId: string | number, below: boolean) {
  const from = findStage(items, activeId)
  const to = findStage(items, overId)
  if (from === null || to === null || from === to) return items
  const target = items[to] ?? []
  const overIndex = target.indexOf(String(overId))
  const at = overIndex >= 0 ? overIndex + (below ? 1 : 0) : target.length
  return {
    ...items,
    [from]: (items[from] ?? []).filter((id) => id !== activeId),
    [to]: [...target.slice(0, at), activeId, ...target.slice(at)],
  }
}

export interface DropTarget {
  stageId: string
  /** Index among the stage's other cards, as shared moveCard takes it. */
  index: number
  /** How many cards the stage holds with the dragged card in it. */
  count: number
}

/** Where the dragged card lands if dropped over `overId` now. */
export function dropTarget(items: StageItems, activeId: string, overId: string | number): DropTarget | null {
  const to = findStage(items, overId)
  if (to === null) return null
  const list = items[to] ?? []
  const activeIndex = list.indexOf(activeId)
  const overIndex = list.indexOf(String(overId))
  if (activeIndex < 0) {
    // Not moved into this stage yet: it would go before the card it is over, or at the end.
    return { stageId: to, index: overIndex >= 0 ? overIndex : list.length, count: list.length + 1 }
  }
  return { stageId: to, index: overIndex >= 0 ? overIndex : activeIndex, count: list.length }
}

/** The card ids per stage with only the cards `shown` keeps (when non-matching cards are hidden). */
export function visibleItems(items: StageItems, shown: (id: string) => boolean): StageItems {
  const out: Record<string, readonly string[]> = {}
  for (const [stageId, ids] of Object.entries(items)) out[stageId] = ids.filter(shown)
  return out
}

/**
 * Turns a drop index among the shown cards of a stage into the index among all its cards (what
 * moveCard takes), so hidden cards keep their places: the card lands just before the shown card it
 * was dropped in front of, or just after the last shown card.
 */
export function indexAmongAll(
  all: readonly string[],
  shown: (id: string) => boolean,
  activeId: string,
  shownIndex: number,
): number {
  const others = all.filter((id) => id !== activeId)
  const visible = others.filter(shown)
  const before = visible[shownIndex]
  if (before !== undefined) return others.indexOf(before)
  const last = visible.at(-1)
  return last === undefined ? others.length : others.indexOf(last) + 1
}
