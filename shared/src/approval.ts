// Sign-off rules for cross-functional bets. A proposed card needs an approval from the leader of
// each function involved (its owners' functions plus any the proposer adds). One decline declines it.
// A decision counts only for the proposal round it was made in and only while the card's plan, owners
// and KPI links are what the leader saw: change them and earlier decisions are stale.

import type { Card } from './records/card.js'
import type { DecisionRecord } from './records/decision.js'

export type { ApprovalRound, DecisionRecord, Verdict } from './records/decision.js'

/** What a leader signs off on: the plan, the owners and the KPI links (not position or status). */
export function approvalFingerprint(card: Card): string {
  const h = card.hypothesis
  const plan =
    h === null
      ? null
      : [
          h.statement,
          h.expectedImpact,
          h.impact,
          h.confidence,
          h.ease,
          h.horizon.start,
          h.horizon.end,
          h.triggers,
        ]
  const owners = Object.entries(card.owners).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const payload = JSON.stringify([
    card.kind,
    card.title,
    plan,
    owners,
    [...card.kpiIds].sort(),
    [...card.extraFunctions].sort(),
  ])
  // FNV-1a, 32-bit: a short, stable digest; collisions only risk a missed "stale" mark, never a forgery,
  // because decisions are written by the server alone.
  let hash = 0x811c9dc5
  for (let i = 0; i < payload.length; i++) {
    hash ^= payload.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return `${hash.toString(16).padStart(8, '0')}:${payload.length}`
}

/** The functions whose leaders must sign off: the owners' functions plus any added, without repeats. */
export function requiredFunctions(card: Card): string[] {
  return [...new Set([...Object.keys(card.owners), ...card.extraFunctions])].sort()
}

export interface FunctionSignOff {
  function: string
  /** The decision that counts now, if any. */
  decision: DecisionRecord | null
  /** Earlier decisions for this function that no longer count (plan changed or an older round). */
  stale: DecisionRecord[]
}

export interface ApprovalState {
  required: string[]
  signOffs: FunctionSignOff[]
  /** Functions still to decide. */
  waitingOn: string[]
  outcome: 'approved' | 'declined' | 'pending'
  /** Reasons of current declines, for showing on the card. */
  declines: DecisionRecord[]
}

export function approvalState(
  card: Card,
  decisions: readonly DecisionRecord[],
  round: number,
): ApprovalState {
  const required = requiredFunctions(card)
  const fingerprint = approvalFingerprint(card)
  const mine = decisions
    .filter((d) => d.cardId === card.id)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  const signOffs = required.map((fn): FunctionSignOff => {
    const forFn = mine.filter((d) => d.function === fn)
    const valid = forFn.filter((d) => d.round === round && d.fingerprint === fingerprint)
    const decision = valid.at(-1) ?? null
    return { function: fn, decision, stale: forFn.filter((d) => d !== decision) }
  })
  const declines = signOffs.flatMap((s) => (s.decision?.verdict === 'decline' ? [s.decision] : []))
  const waitingOn = signOffs.filter((s) => s.decision === null).map((s) => s.function)
  const outcome =
    declines.length > 0 ? 'declined' : required.length > 0 && waitingOn.length === 0 ? 'approved' : 'pending'
  return { required, signOffs, waitingOn, outcome, declines }
}

export interface DecisionCheck {
  card: Card
  leaderFunction: string
  required: readonly string[]
}

/** Whether a leader may decide on a card now; the reason when not (for 403/409 answers). */
export function canDecide({
  card,
  leaderFunction,
  required,
}: DecisionCheck): { ok: true } | { ok: false; conflict: boolean; error: string } {
  if (!required.includes(leaderFunction)) {
    return { ok: false, conflict: false, error: `this card does not need a sign-off from ${leaderFunction}` }
  }
  if (card.status !== 'proposed') {
    return {
      ok: false,
      conflict: true,
      error: `only proposed cards can be decided; this one is ${card.status}`,
    }
  }
  return { ok: true }
}
