// Leaders' decisions on proposed cards, made through REST: checked against the leader's function and
// the card's current state, appended to the board's decision log, then written into the document by
// the server, which settles the card (approved once every function approved, declined on a decline).
// Decisions on one board are handled one at a time, so two leaders deciding together both count.

import {
  type ApprovalState,
  approvalFingerprint,
  approvalState,
  type CardStatus,
  canDecide,
  type DecisionRecord,
  readBoard,
  requiredFunctions,
  updateCard,
  type Verdict,
  writeDecision,
} from '@tideboard/shared'
import type { ActivityLog } from '../activity/activityLog.js'
import { identityOf, type Principal } from '../auth/access.js'
import { randomId } from '../ids.js'
import { KeyedQueue } from '../keyedQueue.js'
import type { Storage } from '../storage/storage.js'
import { SERVER_ORIGIN } from '../sync/origin.js'
import type { Rooms } from '../sync/rooms.js'

export interface DecisionInput {
  verdict: Verdict
  reason: string
  /** The function decided for: an owner must name it; a leader's comes from their member or invite. */
  function?: string | undefined
  /** approvalFingerprint of the card as the leader saw it; a different current card is a 409. */
  fingerprint?: string | undefined
}

export interface Decided {
  decision: DecisionRecord
  state: ApprovalState
  /** The card's status after the decision. */
  status: CardStatus
}

export interface DecisionRefused {
  status: 400 | 403 | 404 | 409
  code: string
  message: string
}

export type DecisionOutcome = { ok: true; value: Decided } | { ok: false; error: DecisionRefused }

const refuse = (status: DecisionRefused['status'], code: string, message: string): DecisionOutcome => ({
  ok: false,
  error: { status, code, message },
})

export interface DecisionsDeps {
  storage: Storage
  rooms: Rooms
  activity: ActivityLog
}

export class Decisions {
  private readonly queue = new KeyedQueue()

  constructor(private readonly deps: DecisionsDeps) {}

  decide(
    principal: Principal,
    cardId: string,
    input: DecisionInput,
    now: Date = new Date(),
  ): Promise<DecisionOutcome> {
    const fn = this.functionOf(principal, input)
    if (!fn.ok) return Promise.resolve(fn)
    if (input.verdict === 'decline' && input.reason.trim() === '') {
      return Promise.resolve(refuse(400, 'invalid_body', 'At reason: a decline needs a reason'))
    }
    return this.queue.run(principal.boardId, () =>
      this.deps.rooms.withRoom(principal.boardId, async (room) => {
        const board = readBoard(room.doc)
        const card = board.cards.find((c) => c.id === cardId)
        if (!card) return refuse(404, 'not_found', 'card not found')
        const allowed = canDecide({ card, leaderFunction: fn.value, required: requiredFunctions(card) })
        if (!allowed.ok)
          return refuse(
            allowed.conflict ? 409 : 403,
            allowed.conflict ? 'conflict' : 'forbidden',
            allowed.error,
          )
        const fingerprint = approvalFingerprint(card)
        if (input.fingerprint !== undefined && input.fingerprint !== fingerprint) {
          return refuse(409, 'stale', 'the card changed since you looked at it; review it again')
        }
        const actor = identityOf(principal)
        const decision: DecisionRecord = {
          id: randomId(),
          cardId,
          function: fn.value,
          verdict: input.verdict,
          reason: input.reason.trim(),
          by: actor.id,
          byName: actor.name,
          at: now.toISOString(),
          fingerprint,
          round: board.rounds[cardId]?.round ?? 0,
        }
        await this.deps.storage.appendDecision({ ...decision, boardId: principal.boardId })
        const settled = await room.writeAsServer((doc) => {
          writeDecision(doc, decision, SERVER_ORIGIN)
          // Read again: clients may have changed the card while the log was written.
          const current = readBoard(doc)
          const latest = current.cards.find((c) => c.id === cardId) ?? card
          const state = approvalState(latest, current.decisions, current.rounds[cardId]?.round ?? 0)
          let status = latest.status
          if (latest.status === 'proposed' && state.outcome !== 'pending') {
            const result = updateCard(doc, cardId, { status: state.outcome }, actor.id, SERVER_ORIGIN, now)
            if (result.ok) status = state.outcome
          }
          return { state, status, title: latest.title }
        })
        void this.deps.activity.record(
          principal.boardId,
          actor,
          [
            {
              cardId,
              cardTitle: settled.title,
              action: {
                kind: 'decided',
                verdict: decision.verdict,
                function: decision.function,
                outcome:
                  settled.status === 'approved' || settled.status === 'declined' ? settled.status : 'pending',
              },
            },
          ],
          now,
        )
        return { ok: true, value: { decision, state: settled.state, status: settled.status } }
      }),
    )
  }

  private functionOf(
    principal: Principal,
    input: DecisionInput,
  ): { ok: true; value: string } | { ok: false; error: DecisionRefused } {
    if (principal.role === 'leader') {
      const own = principal.function
      if (own === undefined)
        return {
          ok: false,
          error: { status: 403, code: 'forbidden', message: 'this leader has no function to sign off for' },
        }
      if (input.function !== undefined && input.function !== own) {
        return {
          ok: false,
          error: {
            status: 403,
            code: 'forbidden',
            message: `you sign off for ${own}, not ${input.function}`,
          },
        }
      }
      return { ok: true, value: own }
    }
    if (principal.role === 'owner') {
      if (input.function === undefined) {
        return {
          ok: false,
          error: {
            status: 400,
            code: 'invalid_body',
            message: 'At function: an owner must name the function they sign off for',
          },
        }
      }
      return { ok: true, value: input.function }
    }
    return {
      ok: false,
      error: { status: 403, code: 'forbidden', message: 'only leaders and owners decide on proposed cards' },
    }
  }
}
