import { describe, expect, it } from 'vitest'
import { trendGeometry } from './trendGeometry'

const box = { width: 200, height: 60, pad: 5 }

describe('trendGeometry', () => {
  it('places check-ins left to right by date and higher values higher up', () => {
    const g = trendGeometry(
      [
        { date: '2026-10-01', value: 101 },
        { date: '2026-08-01', value: 98 },
        { date: '2026-09-01', value: 99.5 },
      ],
      { baseline: 98, target: 110 },
      box,
    )
    expect(g.points.map((p) => p.date)).toEqual(['2026-08-01', '2026-09-01', '2026-10-01'])
    expect(g.points[0]?.x).toBe(5)
    expect(g.points[2]?.x).toBe(195)
    expect(g.points[0]!.y).toBeGreaterThan(g.points[2]!.y)
    // The target is the highest value here, so it sits at the top edge; the baseline at the bottom.
    expect(g.targetY).toBe(5)
    expect(g.baselineY).toBe(55)
  })

  it('centres a single check-in and handles a flat line', () => {
    const g = trendGeometry([{ date: '2026-10-01', value: 3 }], { baseline: null, target: null }, box)
    expect(g.points).toEqual([{ x: 100, y: 30, date: '2026-10-01', value: 3 }])
  })

  it('draws nothing without check-ins', () => {
    expect(trendGeometry([], { baseline: 1, target: 2 }, box).points).toEqual([])
  })
})
