// Invites and board access: issuing a signed token backed by an invite row, and deciding what a
// presented token may do on a board. Refusals are values carrying the HTTP status they map to.

import { randomId } from '../ids.js'
import type { Storage } from '../storage/storage.js'
import type { Role } from './roles.js'
import { signToken, verifyToken } from './tokens.js'

export interface Principal {
  boardId: string
  role: Role
  function?: string
  name?: string
  inviteId: string
}

export interface InviteSpec {
  boardId: string
  role: Role
  function?: string | undefined
  name?: string | undefined
}

export interface AccessDenied {
  status: 401 | 403 | 404
  code: 'unauthorized' | 'forbidden' | 'not_found'
  message: string
}

export type Access = { ok: true; value: Principal } | { ok: false; error: AccessDenied }

export async function issueInvite(
  storage: Storage,
  secret: Uint8Array,
  spec: InviteSpec,
  now: Date = new Date(),
): Promise<{ inviteId: string; token: string }> {
  const inviteId = randomId()
  await storage.createInvite({
    id: inviteId,
    boardId: spec.boardId,
    role: spec.role,
    function: spec.function ?? null,
    name: spec.name ?? null,
    createdAt: now.toISOString(),
    revokedAt: null,
  })
  const token = signToken(secret, {
    v: 1,
    b: spec.boardId,
    r: spec.role,
    ...(spec.function === undefined ? {} : { f: spec.function }),
    ...(spec.name === undefined ? {} : { n: spec.name }),
    i: inviteId,
    t: now.getTime(),
  })
  return { inviteId, token }
}

const denied = (status: AccessDenied['status'], message: string): { ok: false; error: AccessDenied } => ({
  ok: false,
  error: {
    status,
    code: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'not_found',
    message,
  },
})

/**
 * Who `token` is on board `boardId`. The board is checked first so an unknown board is always a 404;
 * then a missing or forged token is 401, and a token for another board or a revoked invite is 403.
 */
export async function authorize(
  storage: Storage,
  secret: Uint8Array,
  boardId: string,
  token: string | null | undefined,
): Promise<Access> {
  const board = await storage.getBoard(boardId)
  if (!board) return denied(404, 'board not found')
  if (!token) return denied(401, 'an invite token is required')
  const verified = verifyToken(secret, token)
  if (!verified.ok) return denied(401, `invalid token: ${verified.error}`)
  const payload = verified.value
  if (payload.b !== boardId) return denied(403, 'this token is for another board')
  const invite = await storage.getInvite(payload.i)
  if (!invite || invite.boardId !== boardId) return denied(403, 'this invite does not exist')
  if (invite.revokedAt !== null) return denied(403, 'this invite was revoked')
  return {
    ok: true,
    value: {
      boardId,
      role: invite.role,
      ...(invite.function === null ? {} : { function: invite.function }),
      ...(invite.name === null ? {} : { name: invite.name }),
      inviteId: invite.id,
    },
  }
}
