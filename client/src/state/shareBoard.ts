// Structural sharing between reads of a board, knowing its shape and what the reader keeps. A part
// the reader kept (the same object as in the read before) is taken from the board shown as it is; a
// part it read again is compared with the one shown (replaceEqualDeep) and keeps that one's identity
// where it is equal. A stage's list is compared with the same stage's list only: a card's stage is
// part of the card, so an equal card is always in the same stage. `cards` is the stages' lists one
// after the other (as readBoard makes it), built from the shared lists, so a card is one object
// wherever the board lists it.

import type { Board, Card } from '@tideboard/shared'
import { ownValue, sameElements } from './ownLists'
import { replaceEqualDeep } from './replaceEqualDeep'

/** `next` shared with `shown`, the board shown now, which was made from the read `before`. */
export function shareBoard(shown: Board, before: Board, next: Board): Board {
  if (next === before) return shown
  const part = <K extends keyof Board>(key: K): Board[K] =>
    next[key] === before[key] ? shown[key] : replaceEqualDeep(shown[key], next[key])

  let cards = shown.cards
  let cardsByStage = shown.cardsByStage
  if (
    next.cardsByStage !== before.cardsByStage ||
    next.cards !== before.cards ||
    next.stages !== before.stages
  ) {
    let same = Object.keys(shown.cardsByStage).length === Object.keys(next.cardsByStage).length
    // fromEntries, so that a stage id like "__proto__" is a list of its own, as readBoard makes it.
    const lists: Record<string, Card[]> = Object.fromEntries(
      Object.entries(next.cardsByStage).map(([stageId, list]) => {
        const old = ownValue(shown.cardsByStage, stageId)
        const kept =
          old !== undefined && ownValue(before.cardsByStage, stageId) === list
            ? old
            : replaceEqualDeep(old ?? [], list)
        if (kept !== old) same = false
        return [stageId, kept]
      }),
    )
    if (!same) cardsByStage = lists
    const flat = next.stages.flatMap((s) => ownValue(cardsByStage, s.id) ?? [])
    cards = sameElements(flat, shown.cards) ? shown.cards : flat
  }
  const board: Board = {
    meta: part('meta'),
    stages: part('stages'),
    cards,
    cardsByStage,
    people: part('people'),
    kpis: part('kpis'),
    comments: part('comments'),
    members: part('members'),
    decisions: part('decisions'),
    rounds: part('rounds'),
    repairs: part('repairs'),
  }
  const keys = Object.keys(board) as (keyof Board)[]
  return keys.every((k) => board[k] === shown[k]) ? shown : board
}
