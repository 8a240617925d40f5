// Structural sharing between two reads of a board, knowing its shape: what did not change keeps its
// identity (replaceEqualDeep), and a card is one object wherever the board lists it, in `cards` and in
// its stage's list, so a stage list is kept exactly when its cards are.

import type { Board, Card } from '@tideboard/shared'
import { replaceEqualDeep } from './replaceEqualDeep'

export function shareBoard(prev: Board, next: Board): Board {
  if (prev === next) return prev
  const cards = replaceEqualDeep(prev.cards, next.cards)
  let cardsByStage = prev.cardsByStage
  if (next.cardsByStage !== prev.cardsByStage) {
    const byId = new Map(cards.map((c) => [c.id, c]))
    const lists: Record<string, Card[]> = {}
    let same = Object.keys(prev.cardsByStage).length === Object.keys(next.cardsByStage).length
    for (const [stageId, list] of Object.entries(next.cardsByStage)) {
      const old = Object.hasOwn(prev.cardsByStage, stageId) ? prev.cardsByStage[stageId] : undefined
      const shared = list.map((c) => byId.get(c.id) ?? c)
      const kept = old && old.length === shared.length && shared.every((c, i) => c === old[i]) ? old : shared
      if (kept !== old) same = false
      lists[stageId] = kept
    }
    if (!same) cardsByStage = lists
  }
  const board: Board = {
    meta: replaceEqualDeep(prev.meta, next.meta),
    stages: replaceEqualDeep(prev.stages, next.stages),
    cards,
    cardsByStage,
    people: replaceEqualDeep(prev.people, next.people),
    kpis: replaceEqualDeep(prev.kpis, next.kpis),
    comments: replaceEqualDeep(prev.comments, next.comments),
    members: replaceEqualDeep(prev.members, next.members),
    decisions: replaceEqualDeep(prev.decisions, next.decisions),
    rounds: replaceEqualDeep(prev.rounds, next.rounds),
    repairs: replaceEqualDeep(prev.repairs, next.repairs),
  }
  const keys = Object.keys(board) as (keyof Board)[]
  return keys.every((k) => board[k] === prev[k]) ? prev : board
}
