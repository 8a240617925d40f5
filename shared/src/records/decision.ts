// A leader's decision on a proposed card, and the proposal round it belongs to. Both are written
// into the document by the server alone, after it checked the leader's role; clients only read them.

import { newRepairs, note, type Repairs, readEnum, readNumber, readString } from './read.js'

export type Verdict = 'approve' | 'decline'

export interface DecisionRecord {
  id: string
  cardId: string
  function: string
  verdict: Verdict
  reason: string
  /** Member id of the leader (from their token), and the name shown. */
  by: string
  byName: string
  at: string
  /** approvalFingerprint(card) when the decision was made. */
  fingerprint: string
  /** The card's proposal round when the decision was made. */
  round: number
}

/** A card's current proposal round: it starts when the card is proposed (again). */
export interface ApprovalRound {
  cardId: string
  round: number
  proposedAt: string
  proposedBy: string | null
}

function asRecord(id: string, what: string, raw: unknown, repairs: Repairs): Record<string, unknown> | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    note(repairs, `${what} ${id}`, 'not a record; skipped')
    return null
  }
  return raw as Record<string, unknown>
}

export function readDecision(
  id: string,
  raw: unknown,
  repairs: Repairs = newRepairs(),
): DecisionRecord | null {
  const r = asRecord(id, 'decision', raw, repairs)
  if (!r) return null
  const path = `decision ${id}`
  const cardId = readString(r.cardId, '', `${path}.cardId`, repairs)
  const fn = readString(r.function, '', `${path}.function`, repairs)
  if (cardId === '' || fn === '') {
    note(repairs, path, 'decision without card or function; skipped')
    return null
  }
  return {
    id,
    cardId,
    function: fn,
    verdict: readEnum(r.verdict, ['approve', 'decline'] as const, 'decline', `${path}.verdict`, repairs),
    reason: readString(r.reason, '', `${path}.reason`, repairs),
    by: readString(r.by, '', `${path}.by`, repairs),
    byName: readString(r.byName, 'A leader', `${path}.byName`, repairs),
    at: readString(r.at, '', `${path}.at`, repairs),
    fingerprint: readString(r.fingerprint, '', `${path}.fingerprint`, repairs),
    round: readNumber(r.round, `${path}.round`, repairs) ?? 0,
  }
}

export function readApprovalRound(
  cardId: string,
  raw: unknown,
  repairs: Repairs = newRepairs(),
): ApprovalRound | null {
  const r = asRecord(cardId, 'approval round', raw, repairs)
  if (!r) return null
  const path = `approval round ${cardId}`
  return {
    cardId,
    round: readNumber(r.round, `${path}.round`, repairs) ?? 0,
    proposedAt: readString(r.proposedAt, '', `${path}.proposedAt`, repairs),
    proposedBy: typeof r.proposedBy === 'string' ? r.proposedBy : null,
  }
}
