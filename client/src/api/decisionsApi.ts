// A leader's decision on a proposed card, made through REST: the server checks the role, function and
// card, records it in the decision log and writes it into the board, so every screen sees it live.

import type { Verdict } from '@tideboard/shared'
import { type ApiResult, isRecord, json, jsonInit, malformed, request, str } from './boardsApi'

export interface DecisionRequest {
  verdict: Verdict
  reason: string
  /** An owner names the function they decide for; a leader's comes from their membership. */
  function?: string
  /** approvalFingerprint of the card as the leader saw it: a changed card is refused (409 stale). */
  fingerprint?: string
}

export interface DecisionMade {
  /** The card's status after the decision. */
  status: string
}

export async function decideCard(
  boardId: string,
  token: string,
  cardId: string,
  decision: DecisionRequest,
): Promise<ApiResult<DecisionMade>> {
  const res = await request(
    `/api/boards/${encodeURIComponent(boardId)}/cards/${encodeURIComponent(cardId)}/decisions`,
    jsonInit(decision),
    token,
  )
  if (!res.ok) return res
  const body = await json(res.value)
  if (!isRecord(body)) return { ok: false, error: malformed('decision') }
  return { ok: true, value: { status: str(body.status) ?? 'proposed' } }
}
