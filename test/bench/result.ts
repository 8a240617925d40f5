// What a scenario reports: rows of figures for both servers, the ratio, and the target.

import type { ServerKind } from './serverProcess.js'

export interface Row {
  metric: string
  unit: string
  tideboard: number | null
  reference: number | null
  /** Which way is better, for reading the ratio. */
  better: 'lower' | 'higher' | 'none'
  /** The target for Tideboard, in words, and whether it was met (null: not applicable). */
  target?: string
  met?: boolean | null
}

export interface ScenarioResult {
  name: string
  title: string
  /** The scale actually run, in words (and how it relates to the numbers). */
  scale: string
  rows: Row[]
  notes: string[]
  ranAt: string
  seconds: number
}

export type PerKind<T> = Record<ServerKind, T>

export function row(
  metric: string,
  unit: string,
  values: Partial<PerKind<number | null>>,
  better: Row['better'],
  target?: { text: string; met: boolean | null },
): Row {
  return {
    metric,
    unit,
    tideboard: values.tideboard ?? null,
    reference: values.reference ?? null,
    better,
    ...(target ? { target: target.text, met: target.met } : {}),
  }
}
