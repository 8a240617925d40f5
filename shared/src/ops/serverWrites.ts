// Writes that only the server makes, with its own transaction origin: membership, leaders'
// decisions and proposal rounds. Clients can read all of this but their updates touching it are
// refused (see guard.ts); the values are plain JSON so each write replaces a whole entry.

import type * as Y from 'yjs'
import type { ApprovalRound, DecisionRecord } from '../records/decision.js'
import type { Member } from '../records/member.js'
import { roots } from '../schema.js'

export function writeMember(doc: Y.Doc, member: Member, origin: unknown): void {
  const { id, ...rest } = member
  doc.transact(() => roots(doc).members.set(id, { ...rest }), origin)
}

export function writeDecision(doc: Y.Doc, decision: DecisionRecord, origin: unknown): void {
  const { id, ...rest } = decision
  doc.transact(() => roots(doc).decisions.set(id, { ...rest }), origin)
}

export function writeApprovalRound(doc: Y.Doc, round: ApprovalRound, origin: unknown): void {
  const { cardId, ...rest } = round
  doc.transact(() => roots(doc).approvals.set(cardId, { ...rest }), origin)
}
