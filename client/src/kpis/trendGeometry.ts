// Where a KPI's check-ins sit in a small trend chart: x by date, y by value (higher up), with the
// target and baseline as reference lines inside the same scale. Pure, so the chart is testable.

import type { CheckIn } from '@tideboard/shared'

export interface TrendPoint {
  x: number
  y: number
  date: string
  value: number
}

export interface TrendGeometry {
  points: TrendPoint[]
  targetY: number | null
  baselineY: number | null
}

export interface TrendBox {
  width: number
  height: number
  pad: number
}

export function trendGeometry(
  checkIns: readonly CheckIn[],
  refs: { baseline: number | null; target: number | null },
  { width, height, pad }: TrendBox,
): TrendGeometry {
  const sorted = [...checkIns].sort((a, b) => a.date.localeCompare(b.date))
  const values = [...sorted.map((c) => c.value), refs.baseline, refs.target].filter(
    (v): v is number => v !== null,
  )
  if (sorted.length === 0 || values.length === 0) return { points: [], targetY: null, baselineY: null }
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const span = hi - lo || 1
  const times = sorted.map((c) => Date.parse(c.date))
  const t0 = times[0] ?? 0
  const tSpan = (times.at(-1) ?? t0) - t0
  const y = (v: number) => (hi === lo ? height / 2 : pad + (1 - (v - lo) / span) * (height - 2 * pad))
  const points = sorted.map((c, i) => ({
    x: tSpan === 0 ? width / 2 : pad + (((times[i] ?? t0) - t0) / tSpan) * (width - 2 * pad),
    y: y(c.value),
    date: c.date,
    value: c.value,
  }))
  return {
    points,
    targetY: refs.target === null ? null : y(refs.target),
    baselineY: refs.baseline === null ? null : y(refs.baseline),
  }
}
