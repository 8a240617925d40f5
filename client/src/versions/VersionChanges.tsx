// "Changes since this version": what diffBoards finds between a saved version and the live board,
// one line per change with its kind spelled out (never colour alone), card titles and stage names.

import { type Board, type BoardDiff, STATUS_LABELS } from '@tideboard/shared'
import { useId } from 'react'

interface Change {
  key: string
  kind: string
  text: string
}

function number(value: number | null, unit: string): string {
  if (value === null) return 'no value'
  return unit === '%' ? `${value}%` : unit ? `${value} ${unit}` : String(value)
}

/** The diff as readable lines, in the order a planner scans them: cards first, then KPIs. */
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

export function VersionChanges({ diff, saved, live }: { diff: BoardDiff; saved: Board; live: Board }) {
  const headingId = useId()
  const lines = changeLines(diff, saved, live)
  return (
    <section className="panel version-changes" aria-labelledby={headingId}>
      <h3 id={headingId} className="panel-title">
        Changes since this version
      </h3>
      {lines.length === 0 ? (
        <p className="hint">Nothing on the board has changed since this version.</p>
      ) : (
        <ul className="change-list" aria-labelledby={headingId}>
          {lines.map((line) => (
            <li key={line.key} className="change-row">
              <span className={`change-kind change-${line.kind.toLowerCase().replace(/\s+/g, '-')}`}>
                {line.kind}
              </span>{' '}
              <span className="change-text">{line.text}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
