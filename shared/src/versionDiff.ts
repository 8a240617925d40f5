// What changed on a board between a saved version and now (or between two versions): cards added,
// removed, moved between stages, status changes, and KPI values. Pure, so the server, the client and
// tests compute the same answer from two readings of a board.

import type { Board } from './board.js'
import type { CardStatus } from './records/card.js'

export interface CardRef {
  id: string
  title: string
}

export interface BoardDiff {
  added: (CardRef & { stageId: string })[]
  removed: (CardRef & { stageId: string })[]
  moved: (CardRef & { fromStageId: string; toStageId: string })[]
  statusChanged: (CardRef & { from: CardStatus; to: CardStatus })[]
  retitled: (CardRef & { from: string })[]
  kpiValues: { id: string; name: string; from: number | null; to: number | null }[]
  kpisAdded: CardRef[]
  kpisRemoved: CardRef[]
}

const latest = (checkIns: readonly { value: number }[]) => checkIns.at(-1)?.value ?? null

export function diffBoards(before: Board, after: Board): BoardDiff {
  const was = new Map(before.cards.map((c) => [c.id, c]))
  const is = new Map(after.cards.map((c) => [c.id, c]))
  const diff: BoardDiff = {
    added: [],
    removed: [],
    moved: [],
    statusChanged: [],
    retitled: [],
    kpiValues: [],
    kpisAdded: [],
    kpisRemoved: [],
  }
  for (const card of after.cards) {
    const old = was.get(card.id)
    if (!old) {
      diff.added.push({ id: card.id, title: card.title, stageId: card.stageId })
      continue
    }
    if (old.stageId !== card.stageId) {
      diff.moved.push({ id: card.id, title: card.title, fromStageId: old.stageId, toStageId: card.stageId })
    }
    if (old.status !== card.status) {
      diff.statusChanged.push({ id: card.id, title: card.title, from: old.status, to: card.status })
    }
    if (old.title !== card.title) diff.retitled.push({ id: card.id, title: card.title, from: old.title })
  }
  for (const card of before.cards) {
    if (!is.has(card.id)) diff.removed.push({ id: card.id, title: card.title, stageId: card.stageId })
  }
  const oldKpis = new Map(before.kpis.map((k) => [k.id, k]))
  const newKpis = new Map(after.kpis.map((k) => [k.id, k]))
  for (const kpi of after.kpis) {
    const old = oldKpis.get(kpi.id)
    if (!old) {
      diff.kpisAdded.push({ id: kpi.id, title: kpi.name })
      continue
    }
    const from = latest(old.checkIns)
    const to = latest(kpi.checkIns)
    if (from !== to) diff.kpiValues.push({ id: kpi.id, name: kpi.name, from, to })
  }
  for (const kpi of before.kpis) {
    if (!newKpis.has(kpi.id)) diff.kpisRemoved.push({ id: kpi.id, title: kpi.name })
  }
  return diff
}

export function isEmptyDiff(diff: BoardDiff): boolean {
  return Object.values(diff).every((list) => list.length === 0)
}
