// The caller's access to board `:id`, read from `Authorization: Bearer` (or `?token=` on GETs, for
// download links) and checked against the server's invite and member rows on every request.

import type { Context } from 'hono'
import { authorize, type Principal } from '../auth/access.js'
import type { Role } from '../auth/roles.js'
import { isId } from '../ids.js'
import type { Storage } from '../storage/storage.js'
import { ApiError } from './apiError.js'
import { bearerToken } from './body.js'

export function boardAccess(deps: { storage: Storage; secret: Uint8Array }) {
  return async function access(c: Context): Promise<Principal> {
    const id = c.req.param('id') ?? ''
    if (!isId(id)) throw new ApiError(404, 'not_found', 'board not found')
    const token = bearerToken(c) ?? (c.req.method === 'GET' ? (c.req.query('token') ?? null) : null)
    const result = await authorize(deps.storage, deps.secret, id, token)
    if (!result.ok) throw new ApiError(result.error.status, result.error.code, result.error.message)
    return result.value
  }
}

/** Throws 403 unless the principal holds one of `roles`. */
export function requireRole(principal: Principal, roles: readonly Role[], message: string): void {
  if (!roles.includes(principal.role)) throw new ApiError(403, 'forbidden', message)
}
