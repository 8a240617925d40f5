// ICE score of a hypothesis: impact × confidence × ease, derived on read and never stored.
// Null until all three scores are set.

import type { HypothesisPlan } from '@tideboard/shared'

export function iceScore(plan: Pick<HypothesisPlan, 'impact' | 'confidence' | 'ease'> | null): number | null {
  if (!plan || plan.impact === null || plan.confidence === null || plan.ease === null) return null
  return plan.impact * plan.confidence * plan.ease
}
