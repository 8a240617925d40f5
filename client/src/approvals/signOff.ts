// Who may decide on which bets from this screen, and what a refused decision means in plain words.
// The server decides for real (role, function, card state, fingerprint); this only decides what to offer.

import type { Card, Role } from '@tideboard/shared'
import type { ApiError, ApiResult } from '../api/boardsApi'
import type { DecisionMade, DecisionRequest } from '../api/decisionsApi'

export type DecideFn = (cardId: string, request: DecisionRequest) => Promise<ApiResult<DecisionMade>>

export interface SignOffPower {
  role: Role
  /** A leader's function. */
  fn: string | null
  decide: DecideFn
}

/**
 * The functions this person can sign off for on `card` now: a leader their own function while it is
 * waiting; an owner (who can do everything a leader can) any function still waiting.
 */
export function decidableFunctions(power: SignOffPower, card: Card, waitingOn: readonly string[]): string[] {
  if (card.status !== 'proposed') return []
  if (power.role === 'leader') return power.fn !== null && waitingOn.includes(power.fn) ? [power.fn] : []
  if (power.role === 'owner') return [...waitingOn]
  return []
}

export function decisionProblem(error: ApiError): string {
  if (error.status === 0) return 'Could not reach the server; your decision was not recorded. Try again.'
  if (error.status === 409 && error.code === 'stale')
    return 'The plan changed while you were looking at it. Review the current plan, then decide again.'
  if (error.status === 409) return `This bet is no longer waiting for sign-off: ${error.message}.`
  if (error.status === 403) return `You cannot sign off here: ${error.message}.`
  if (error.status === 404) return 'This card is no longer on the board.'
  return error.message
}
