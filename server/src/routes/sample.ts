// GET /api/sample: a one-click owner link to the sample board, offered only on open installations
// (no admin token configured).

import { readBoard } from '@tideboard/shared'
import { Hono } from 'hono'
import { boardUrl } from '../boards/createBoard.js'
import { sampleBoardAccess } from '../boards/sampleBoard.js'
import { ApiError } from '../http/apiError.js'
import type { Storage } from '../storage/storage.js'
import type { Rooms } from '../sync/rooms.js'

export function sampleRoutes(deps: {
  storage: Storage
  secret: Uint8Array
  rooms: Rooms
  adminToken: string | null
}): Hono {
  const app = new Hono()
  app.get('/sample', async (c) => {
    const sample = deps.adminToken === null ? await sampleBoardAccess(deps.storage, deps.secret) : null
    if (!sample) throw new ApiError(404, 'not_found', 'no sample board on this server')
    const title = await deps.rooms.withDoc(sample.id, (doc) => readBoard(doc).meta.title)
    return c.json({
      id: sample.id,
      title,
      url: boardUrl(new URL(c.req.url).origin, sample.id, sample.ownerToken),
    })
  })
  return app
}
