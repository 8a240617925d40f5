// The board as CSV (RFC 4180), one row per card in board order, for spreadsheets and reporting.
// Cells that a spreadsheet would run as a formula (=, +, -, @ first) get a leading apostrophe.

import type { Board } from './board.js'
import { ownerLabels } from './cardOwners.js'
import { iceScore } from './ice.js'
import { PHASE_LABELS } from './records/phase.js'

export const CSV_COLUMNS = [
  'Phase',
  'Stage',
  'Kind',
  'Title',
  'Status',
  'Owners',
  'KPIs',
  'Tags',
  'ICE',
  'Hypothesis',
  'Outcome',
] as const

/** One RFC 4180 field: quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function exportCsv(board: Board): string {
  const stages = new Map(board.stages.map((s) => [s.id, s]))
  const kpiNames = new Map(board.kpis.map((k) => [k.id, k.name]))
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]]
  for (const card of board.cards) {
    const stage = stages.get(card.stageId)
    rows.push([
      stage ? PHASE_LABELS[stage.phase] : '',
      stage ? stage.name : '',
      card.kind,
      card.title,
      card.status,
      ownerLabels(board, card).join('; '),
      card.kpiIds.map((id) => kpiNames.get(id) ?? id).join('; '),
      card.tags.join('; '),
      iceScore(card.hypothesis),
      card.hypothesis?.statement ?? '',
      card.hypothesis?.result?.outcome ?? '',
    ])
  }
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('')
}
