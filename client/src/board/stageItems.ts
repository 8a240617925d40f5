// Card ids per stage while a drag is under way (the multi-container pattern): the card being dragged
// moves within and between these lists as it goes, and the drop is where it is in them. Pure functions.

import type { Board, Card } from '@tideboard/shared'
import { ownValue } from '../state/ownLists'

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

// A stage's card list keeps its identity while its cards do (the session shares reads), so its ids
// are listed once per list: after an edit, only the stages it touched are walked again.
const idsOfList = new WeakMap<readonly Card[], readonly string[]>()
const NO_CARDS: readonly Card[] = []

// Lists are built with fromEntries, so that a stage id like "__proto__" is a list of its own.
export function itemsFromBoard(board: Pick<Board, 'stages' | 'cardsByStage'>): StageItems {
  return Object.fromEntries(
    board.stages.map((stage) => {
      const list = ownValue(board.cardsByStage, stage.id) ?? NO_CARDS
      let ids = idsOfList.get(list)
      if (!ids) {
        ids = list.map((c) => c.id)
        idsOfList.set(list, ids)
      }
      return [stage.id, ids]
    }),
  )
}

/** The stage holding a card id, or the stage a column droppable id stands for. */
export function findStage(items: StageItems, id: string | number): string | null {
  const stageId = stageOfDropId(id)
  if (stageId !== null) return stageId in items ? stageId : null
  const cardId = String(id)
  for (const [sid, ids] of Object.entries(items)) if (ids.includes(cardId)) return sid
  return null
}

/** Where a card is in the lists: its stage, its index there (which is its index among the stage's
 * other cards, as shared moveCard takes it), and how many cards the stage holds with it. */
export interface Place {
  stageId: string
  index: number
  count: number
}

export function placeOf(items: StageItems, cardId: string): Place | null {
  const stageId = findStage(items, cardId)
  if (stageId === null) return null
  const list = items[stageId] ?? []
  return { stageId, index: list.indexOf(cardId), count: list.length }
}

/**
 * Moves the dragged card to `index` in `stageId` (an index among that stage's other cards). The
 * same lists, identical, when it is there already; the lists of untouched stages keep their identity.
 */
export function moveTo(items: StageItems, cardId: string, stageId: string, index: number): StageItems {
  const from = findStage(items, cardId)
  const target = items[stageId]
  if (from === null || target === undefined) return items
  const others = target.filter((id) => id !== cardId)
  const at = Math.max(0, Math.min(index, others.length))
  if (from === stageId && target[at] === cardId) return items
  const next = { ...items, [stageId]: [...others.slice(0, at), cardId, ...others.slice(at)] }
  if (from !== stageId) next[from] = (items[from] ?? []).filter((id) => id !== cardId)
  return next
}

/** The card ids per stage with only the cards `shown` keeps (when non-matching cards are hidden). */
export function visibleItems(items: StageItems, shown: (id: string) => boolean): StageItems {
  return Object.fromEntries(Object.entries(items).map(([stageId, ids]) => [stageId, ids.filter(shown)]))
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
