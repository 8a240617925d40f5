// REST for leaders' decisions: deciding on a proposed card (leader or owner), and reading the
// board's decision log (any role).

import { Hono } from 'hono'
import { z } from 'zod'
import type { Decisions } from '../approvals/decisions.js'
import { ApiError } from '../http/apiError.js'
import { boardAccess } from '../http/boardAccess.js'
import { readJson, validate } from '../http/body.js'
import { limit, SMALL_BODY } from '../http/limit.js'
import type { DecisionLogRecord, Storage } from '../storage/storage.js'

export interface DecisionRouteDeps {
  storage: Storage
  secret: Uint8Array
  decisions: Decisions
}

const DecisionBody = z.object({
  verdict: z.enum(['approve', 'decline']),
  reason: z.string().max(5000, 'a reason has at most 5000 characters'),
  function: z.string().trim().min(1).max(100).optional(),
  fingerprint: z.string().min(1).max(200).optional(),
})

const CardId = z.string().min(1).max(100)

function cardIdOf(value: string | undefined): string {
  const parsed = CardId.safeParse(value)
  if (!parsed.success) throw new ApiError(404, 'not_found', 'card not found')
  return parsed.data
}

function publicDecision({ boardId: _board, ...decision }: DecisionLogRecord) {
  return decision
}

export function decisionRoutes(deps: DecisionRouteDeps): Hono {
  const app = new Hono()
  const access = boardAccess(deps)

  app.post('/boards/:id/cards/:cardId/decisions', limit(SMALL_BODY), async (c) => {
    const principal = await access(c)
    const cardId = cardIdOf(c.req.param('cardId'))
    const body = validate(DecisionBody, await readJson(c))
    const outcome = await deps.decisions.decide(principal, cardId, {
      verdict: body.verdict,
      reason: body.reason,
      function: body.function,
      fingerprint: body.fingerprint,
    })
    if (!outcome.ok) throw new ApiError(outcome.error.status, outcome.error.code, outcome.error.message)
    return c.json(outcome.value, 201)
  })

  app.get('/boards/:id/decisions', async (c) => {
    const principal = await access(c)
    const raw = c.req.query('cardId')
    const cardId = raw === undefined || raw === '' ? undefined : cardIdOf(raw)
    const log = await deps.storage.listDecisions(principal.boardId, cardId)
    return c.json({ decisions: log.map(publicDecision) })
  })

  return app
}
