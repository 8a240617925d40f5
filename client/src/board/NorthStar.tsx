// The board's North Star KPI in the top bar: its name, where it stands and how far to target.

import type { Kpi } from '@tideboard/shared'
import { StarIcon } from '../ui/icons'

function format(value: number, unit: string): string {
  const n = Number.isInteger(value) ? String(value) : value.toFixed(1)
  return unit === '%' ? `${n}%` : unit ? `${n} ${unit}` : n
}

export function NorthStar({ kpi }: { kpi: Kpi }) {
  const current = kpi.checkIns.at(-1)?.value ?? kpi.baseline
  const { baseline, target } = kpi
  let progress: number | null = null
  if (current !== null && baseline !== null && target !== null && target !== baseline) {
    progress = Math.max(0, Math.min(1, (current - baseline) / (target - baseline)))
  }
  return (
    <div className="north-star" title="North Star KPI: the shared number every card serves">
      <StarIcon size={16} />
      <span className="north-star-label">North Star</span>
      <span className="north-star-name">{kpi.name}</span>
      {current !== null && <span className="north-star-value">{format(current, kpi.unit)}</span>}
      {target !== null && <span className="north-star-target">target {format(target, kpi.unit)}</span>}
      {progress !== null && (
        <span
          className="north-star-bar"
          role="progressbar"
          aria-label="Progress to target"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress * 100)}
        >
          <span style={{ width: `${progress * 100}%` }} />
        </span>
      )}
    </div>
  )
}
