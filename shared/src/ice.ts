// The ICE score of a hypothesis: impact × confidence × ease (each 1–10, so 1–1000). It is derived
// whenever it is shown and never stored, so it can never disagree with the three scores.

import type { HypothesisPlan } from './records/hypothesis.js'

export type IceScores = Pick<HypothesisPlan, 'impact' | 'confidence' | 'ease'>

/** impact × confidence × ease when all three are set; null when any is missing (or there is no plan). */
export function iceScore(plan: IceScores | null | undefined): number | null {
  if (!plan) return null
  const { impact, confidence, ease } = plan
  if (impact === null || confidence === null || ease === null) return null
  const score = impact * confidence * ease
  return Number.isFinite(score) ? score : null
}
