// Where each bet stands with its sign-offs, for the cards on the board: per function involved, the
// decision that counts now (if any), read from the server-written decisions through shared's rules.
// One plain record per card so structural sharing keeps unchanged cards' summaries identical.

import { approvalState, type Board, type Card, type Verdict } from '@tideboard/shared'

export interface SignOffMark {
  function: string
  verdict: Verdict | null
  /** Who decided (their name), when someone did. */
  by: string | null
}

export interface CardApproval {
  signOffs: SignOffMark[]
  waitingOn: string[]
  /** Current declines with their reasons. */
  declines: { function: string; by: string; reason: string }[]
}

/** Statuses where a card's sign-offs are worth showing on the board. */
const SHOWN = new Set(['proposed', 'approved', 'declined'])

export function cardApproval(card: Card, board: Pick<Board, 'decisions' | 'rounds'>): CardApproval {
  const state = approvalState(card, board.decisions, board.rounds[card.id]?.round ?? 0)
  return {
    signOffs: state.signOffs.map((s) => ({
      function: s.function,
      verdict: s.decision?.verdict ?? null,
      by: s.decision?.byName ?? null,
    })),
    waitingOn: state.waitingOn,
    declines: state.declines.map((d) => ({ function: d.function, by: d.byName, reason: d.reason })),
  }
}

export function cardApprovals(board: Board): Record<string, CardApproval> {
  const out: Record<string, CardApproval> = {}
  for (const card of board.cards) if (SHOWN.has(card.status)) out[card.id] = cardApproval(card, board)
  return out
}

/** Words for a screen reader and for the card's accessible name. */
export function approvalSentence(approval: CardApproval): string {
  if (approval.signOffs.length === 0) return 'no functions to sign off yet'
  const parts = approval.signOffs.map(
    (s) =>
      `${s.function} ${s.verdict === 'approve' ? 'approved' : s.verdict === 'decline' ? 'declined' : 'waiting'}`,
  )
  const reasons = approval.declines.map((d) => `declined by ${d.function}: ${d.reason}`)
  return [`sign-offs ${parts.join(', ')}`, ...reasons].join(', ')
}
