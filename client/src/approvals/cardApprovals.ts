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
  /** The card is proposed: its sign-offs are being collected now. */
  open: boolean
  signOffs: SignOffMark[]
  waitingOn: string[]
  /** Current declines with their reasons. */
  declines: { function: string; by: string; reason: string }[]
}

/** Statuses where a card's sign-offs are worth showing on the board. */
const SHOWN = new Set(['proposed', 'approved', 'declined'])

/**
 * A proposed card's sign-offs; an approved or declined card's when its current decisions say so.
 * A card approved or declined on record but without matching decisions (an imported board, or a plan
 * edited since) shows no "waiting" marks, which would be untrue; a declined one still shows the reason
 * of its latest decline. Null when there is nothing to show.
 */
export function cardApproval(card: Card, board: Pick<Board, 'decisions' | 'rounds'>): CardApproval | null {
  const state = approvalState(card, board.decisions, board.rounds[card.id]?.round ?? 0)
  if (card.status !== 'proposed' && state.outcome !== card.status) {
    if (card.status !== 'declined') return null
    const last = board.decisions.findLast((d) => d.cardId === card.id && d.verdict === 'decline')
    if (!last) return null
    return {
      open: false,
      signOffs: [],
      waitingOn: [],
      declines: [{ function: last.function, by: last.byName, reason: last.reason }],
    }
  }
  return {
    open: card.status === 'proposed',
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
  for (const card of board.cards) {
    if (!SHOWN.has(card.status)) continue
    const approval = cardApproval(card, board)
    if (approval) out[card.id] = approval
  }
  return out
}

/** Words for a screen reader and for the card's accessible name. */
export function approvalSentence(approval: CardApproval): string {
  const reasons = approval.declines.map((d) => `declined by ${d.function}: ${d.reason}`)
  if (approval.signOffs.length === 0)
    return [approval.open ? 'no functions to sign off yet' : '', ...reasons].filter(Boolean).join(', ')
  const parts = approval.signOffs.map(
    (s) =>
      `${s.function} ${s.verdict === 'approve' ? 'approved' : s.verdict === 'decline' ? 'declined' : 'waiting'}`,
  )
  return [`sign-offs ${parts.join(', ')}`, ...reasons].join(', ')
}
