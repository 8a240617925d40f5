// Words and marks for a hypothesis outcome: a symbol and a label, never colour alone.

import type { Outcome } from '@tideboard/shared'

export const OUTCOME_LABELS: Record<Outcome, string> = {
  validated: 'Validated',
  invalidated: 'Invalidated',
  inconclusive: 'Inconclusive',
}

export const OUTCOME_MARKS: Record<Outcome, string> = {
  validated: '✓',
  invalidated: '✗',
  inconclusive: '~',
}
