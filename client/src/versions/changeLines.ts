// The lines of "Changes since this version": diffBoards' answer in words, with card titles, stage
// names, status labels and KPI units, cards first and then KPIs (the order a planner scans them in).

import { type Board, type BoardDiff, STATUS_LABELS } from '@tideboard/shared'

export interface Change {
  key: string
  kind: string
  text: string
}

function number(value: number | null, unit: string): string {
  if (value === null) return 'no value'
  return unit === '%' ? `${value}%` : unit ? `${value} ${unit}` : String(value)
}

/** One line per change between `saved` and `live` (diff = diffBoards(saved, live)). */
export function changeLines(diff: BoardDiff, saved: Board, live: Board): Change[] {
  const stages = new Map([...saved.stages, ...live.stages].map((s) => [s.id, s.name]))
  const stage = (id: string) => stages.get(id) ?? id
  const units = new Map([...saved.kpis, ...live.kpis].map((k) => [k.id, k.unit]))
  return [
    ...diff.added.map((c) => ({
      key: `a-${c.id}`,
      kind: 'Added',
      text: `“${c.title}” in ${stage(c.stageId)}`,
    })),
    ...diff.removed.map((c) => ({
      key: `r-${c.id}`,
      kind: 'Removed',
      text: `“${c.title}” from ${stage(c.stageId)}`,
    })),
    ...diff.moved.map((c) => ({
      key: `m-${c.id}`,
      kind: 'Moved',
      text: `“${c.title}” ${stage(c.fromStageId)} → ${stage(c.toStageId)}`,
    })),
    ...diff.statusChanged.map((c) => ({
      key: `s-${c.id}`,
      kind: 'Status',
      text: `“${c.title}” ${STATUS_LABELS[c.from]} → ${STATUS_LABELS[c.to]}`,
    })),
    ...diff.retitled.map((c) => ({ key: `t-${c.id}`, kind: 'Renamed', text: `“${c.from}” → “${c.title}”` })),
    ...diff.kpiValues.map((k) => {
      const unit = units.get(k.id) ?? ''
      return {
        key: `k-${k.id}`,
        kind: 'KPI value',
        text: `${k.name} ${number(k.from, unit)} → ${number(k.to, unit)}`,
      }
    }),
    ...diff.kpisAdded.map((k) => ({ key: `ka-${k.id}`, kind: 'KPI added', text: k.title })),
    ...diff.kpisRemoved.map((k) => ({ key: `kr-${k.id}`, kind: 'KPI removed', text: k.title })),
  ]
}
