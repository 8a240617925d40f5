// The board's North Star KPI in the top bar: its name, where it stands and how far to target, as a
// bar and in words. It links to the KPIs view.

import { type Kpi, kpiProgress } from '@tideboard/shared'
import { formatValue } from '../kpis/formatValue'
import { StarIcon } from '../ui/icons'

export function NorthStar({ kpi, onOpen }: { kpi: Kpi; onOpen(): void }) {
  const { current, progress } = kpiProgress(kpi)
  const percent = progress === null ? null : Math.round(progress * 100)
  return (
    <button
      type="button"
      className="north-star"
      title="North Star KPI: the shared number every card serves. Open the KPIs view."
      onClick={onOpen}
    >
      <StarIcon size={16} />
      <span className="north-star-label">North Star</span>
      <span className="north-star-name">{kpi.name}</span>
      {current !== null && <span className="north-star-value">{formatValue(current, kpi.unit)}</span>}
      {kpi.target !== null && (
        <span className="north-star-target">target {formatValue(kpi.target, kpi.unit)}</span>
      )}
      {percent !== null && (
        <>
          <span
            className="north-star-bar"
            role="progressbar"
            aria-label="Progress to target"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          >
            <span style={{ width: `${percent}%` }} />
          </span>
          <span className="north-star-percent">{percent}% to target</span>
        </>
      )}
    </button>
  )
}
