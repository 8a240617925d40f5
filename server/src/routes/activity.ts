// REST for the activity feed (any role): newest first, filterable by person and card, paged with
// `before` (the id of the last entry already shown). Each entry carries a readable line.

import { readBoard } from '@tideboard/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import { type ActivityLog, feedLine } from '../activity/activityLog.js'
import { ApiError } from '../http/apiError.js'
import { boardAccess } from '../http/boardAccess.js'
import { validate } from '../http/body.js'
import type { Storage } from '../storage/storage.js'
import type { Rooms } from '../sync/rooms.js'

export interface ActivityRouteDeps {
  storage: Storage
  secret: Uint8Array
  rooms: Rooms
  activity: ActivityLog
}

export const MAX_ACTIVITY_PAGE = 200

const ActivityQuery = z.object({
  memberId: z.string().min(1).max(100).optional(),
  cardId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ACTIVITY_PAGE).default(50),
  before: z.coerce.number().int().positive().optional(),
})

export function activityRoutes(deps: ActivityRouteDeps): Hono {
  const app = new Hono()
  const access = boardAccess(deps)

  app.get('/boards/:id/activity', async (c) => {
    const principal = await access(c)
    const { token: _token, ...params } = c.req.query()
    const query = validate(ActivityQuery, params)
    let before: { at: string; id: number } | undefined
    if (query.before !== undefined) {
      const cursor = await deps.storage.getActivity(principal.boardId, query.before)
      if (!cursor) throw new ApiError(400, 'invalid_query', 'At before: no such activity entry')
      before = { at: cursor.at, id: cursor.id }
    }
    const entries = await deps.activity.list(principal.boardId, {
      actorId: query.memberId,
      cardId: query.cardId,
      limit: query.limit,
      before,
    })
    const stages = await deps.rooms.withDoc(
      principal.boardId,
      (doc) => new Map(readBoard(doc).stages.map((s) => [s.id, s.name])),
    )
    const stageName = (id: string) => stages.get(id) ?? id
    return c.json({
      activity: entries.map((e) => ({
        id: e.id,
        at: e.at,
        actor: { id: e.actorId, name: e.actorName },
        cardId: e.cardId,
        cardTitle: e.cardTitle,
        action: e.action,
        line: feedLine(e.action, e.cardTitle, stageName),
      })),
      next: entries.length === query.limit ? (entries.at(-1)?.id ?? null) : null,
    })
  })

  return app
}
