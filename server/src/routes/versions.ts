// REST for named versions: listing and reading them (any role), saving the board under a name and
// restoring a version as the current state (the owner). A version's state travels as base64 of its
// encoded Yjs update, which any Yjs client applies to a fresh document to read it.

import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { ApiError } from '../http/apiError.js'
import { boardAccess, requireRole } from '../http/boardAccess.js'
import { readJson, validate } from '../http/body.js'
import { limit, SMALL_BODY } from '../http/limit.js'
import type { Storage } from '../storage/storage.js'
import type { Versions } from '../versions/versions.js'

export interface VersionRouteDeps {
  storage: Storage
  secret: Uint8Array
  versions: Versions
}

export const MAX_VERSION_NAME = 120

const SaveBody = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'a version needs a name')
    .max(MAX_VERSION_NAME, `a version name has at most ${MAX_VERSION_NAME} characters`),
})

const VersionId = z.string().regex(/^[A-Za-z0-9]{1,64}$/)

function versionIdOf(c: Context): string {
  const parsed = VersionId.safeParse(c.req.param('versionId'))
  if (!parsed.success) throw new ApiError(404, 'not_found', 'version not found')
  return parsed.data
}

export function versionRoutes(deps: VersionRouteDeps): Hono {
  const app = new Hono()
  const access = boardAccess(deps)
  const ownerOnly = (what: string) => `only the board owner ${what} versions`

  app.get('/boards/:id/versions', async (c) => {
    const principal = await access(c)
    const versions = await deps.versions.list(principal.boardId)
    return c.json({ versions: versions })
  })

  app.post('/boards/:id/versions', limit(SMALL_BODY), async (c) => {
    const principal = await access(c)
    requireRole(principal, ['owner'], ownerOnly('saves'))
    const body = validate(SaveBody, await readJson(c))
    const version = await deps.versions.save(principal, body.name)
    return c.json({ version: version }, 201)
  })

  app.get('/boards/:id/versions/:versionId', async (c) => {
    const principal = await access(c)
    const stored = await deps.versions.get(principal.boardId, versionIdOf(c))
    if (!stored) throw new ApiError(404, 'not_found', 'version not found')
    return c.json({
      version: stored.version,
      state: Buffer.from(stored.state).toString('base64'),
    })
  })

  app.post('/boards/:id/versions/:versionId/restore', async (c) => {
    const principal = await access(c)
    requireRole(principal, ['owner'], ownerOnly('restores'))
    const restored = await deps.versions.restore(principal, versionIdOf(c))
    if (!restored) throw new ApiError(404, 'not_found', 'version not found')
    return c.json(restored)
  })

  return app
}
