// Card status rules: which moves between statuses are allowed. Moving a card between stages never
// changes its status; approval of cross-functional bets gates "approved" (a later rule adds that).

import type { CardKind, CardStatus } from './records/card.js'
import { fail, ok, type Result } from './result.js'

export const STATUS_LABELS: Record<CardStatus, string> = {
  idea: 'Idea',
  proposed: 'Proposed',
  approved: 'Approved',
  declined: 'Declined',
  running: 'Running',
  done: 'Done',
  archived: 'Archived',
}

const NEXT: Record<CardStatus, readonly CardStatus[]> = {
  idea: ['proposed', 'archived'],
  proposed: ['idea', 'approved', 'declined', 'archived'],
  approved: ['running', 'proposed', 'archived'],
  declined: ['proposed', 'idea', 'archived'],
  running: ['done', 'approved', 'archived'],
  done: ['running', 'archived'],
  archived: ['idea'],
}

/** The statuses a card may move to from `from`. */
export function nextStatuses(from: CardStatus): readonly CardStatus[] {
  return NEXT[from]
}

export interface StatusContext {
  kind: CardKind
  /** For hypotheses: whether a result (outcome) has been recorded. */
  hasResult: boolean
}

export function checkStatusChange(from: CardStatus, to: CardStatus, card: StatusContext): Result<undefined> {
  if (from === to) return ok(undefined)
  if (!NEXT[from].includes(to)) {
    return fail(`a card cannot go from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}`)
  }
  if (to === 'done' && card.kind === 'hypothesis' && !card.hasResult) {
    return fail('record the result (outcome) of the experiment before marking it done')
  }
  return ok(undefined)
}
