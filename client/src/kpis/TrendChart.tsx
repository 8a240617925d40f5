// A small trend chart of a KPI's check-ins, drawn as inline SVG (no chart library): the line, its
// points, the target as a dashed line. Its accessible name lists the values it shows.

import type { Kpi } from '@tideboard/shared'
import { formatValue } from './formatValue'
import { trendGeometry } from './trendGeometry'

const BOX = { width: 220, height: 64, pad: 8 }

export function TrendChart({ kpi }: { kpi: Kpi }) {
  if (kpi.checkIns.length < 2) {
    return (
      <p className="trend-empty hint">
        {kpi.checkIns.length === 0 ? 'No check-ins yet.' : 'One check-in so far: the trend shows from two.'}
      </p>
    )
  }
  const g = trendGeometry(kpi.checkIns, kpi, BOX)
  const label = `Trend of ${kpi.name}: ${g.points
    .map((p) => `${formatValue(p.value, kpi.unit)} on ${p.date}`)
    .join(', ')}${kpi.target === null ? '' : `; target ${formatValue(kpi.target, kpi.unit)}`}`
  const last = g.points.at(-1)
  return (
    <svg
      className="trend-chart"
      viewBox={`0 0 ${BOX.width} ${BOX.height}`}
      width={BOX.width}
      height={BOX.height}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {g.targetY !== null && (
        <>
          <line className="trend-target" x1={0} x2={BOX.width} y1={g.targetY} y2={g.targetY} />
          <text
            className="trend-target-label"
            x={BOX.width - 2}
            y={Math.max(10, g.targetY - 3)}
            textAnchor="end"
          >
            target
          </text>
        </>
      )}
      {g.baselineY !== null && (
        <line className="trend-baseline" x1={0} x2={BOX.width} y1={g.baselineY} y2={g.baselineY} />
      )}
      <polyline className="trend-line" points={g.points.map((p) => `${p.x},${p.y}`).join(' ')} />
      {g.points.map((p) => (
        <circle key={p.date} className="trend-point" cx={p.x} cy={p.y} r={p === last ? 4 : 2.5} />
      ))}
    </svg>
  )
}
