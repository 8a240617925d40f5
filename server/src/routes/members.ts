// REST for membership: joining through an invite (which issues a personal token), and the owner's
// members screen: who joined, with which role and function, and revoking people or invite links.

import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { inviteToken } from '../auth/access.js'
import { ROLES } from '../auth/roles.js'
import { boardUrl } from '../boards/createBoard.js'
import { ApiError } from '../http/apiError.js'
import { boardAccess, requireRole } from '../http/boardAccess.js'
import { readJson, validate } from '../http/body.js'
import { limit, SMALL_BODY } from '../http/limit.js'
import type { Membership, MembershipResult } from '../members/membership.js'
import { memberView } from '../members/membership.js'
import type { InviteRecord, Storage } from '../storage/storage.js'

export interface MemberRouteDeps {
  storage: Storage
  secret: Uint8Array
  membership: Membership
}

const name = z
  .string()
  .trim()
  .min(1, 'a name must not be empty')
  .max(100, 'a name has at most 100 characters')
const JoinBody = z.object({ name: name.optional() })
const RoleBody = z.object({
  role: z.enum(ROLES),
  function: z.string().trim().min(1).max(100).optional(),
})
const PathId = z.string().regex(/^[A-Za-z0-9]{1,64}$/)

function unwrap<T>(result: MembershipResult<T>): T {
  if (!result.ok) throw new ApiError(result.error.status, result.error.code, result.error.message)
  return result.value
}

function pathId(c: Context, param: string, what: string): string {
  const parsed = PathId.safeParse(c.req.param(param))
  if (!parsed.success) throw new ApiError(404, 'not_found', `${what} not found`)
  return parsed.data
}

export function memberRoutes(deps: MemberRouteDeps): Hono {
  const app = new Hono()
  const access = boardAccess(deps)
  const ownerOnly = 'only the board owner manages members'

  app.post('/boards/:id/join', limit(SMALL_BODY), async (c) => {
    const principal = await access(c)
    const body = validate(JoinBody, await readJson(c))
    const joined = unwrap(await deps.membership.join(principal, body.name))
    return c.json(joined, 201)
  })

  app.get('/boards/:id/members', async (c) => {
    const principal = await access(c)
    requireRole(principal, ['owner'], ownerOnly)
    const { members, invites } = await deps.membership.list(principal.boardId)
    const origin = new URL(c.req.url).origin
    const joined = (invite: InviteRecord) => members.filter((m) => m.inviteId === invite.id).length
    return c.json({
      members: members.map(memberView),
      invites: invites.map((invite) => {
        const token = invite.revokedAt === null ? inviteToken(deps.secret, invite) : null
        return {
          id: invite.id,
          role: invite.role,
          function: invite.function,
          name: invite.name,
          createdAt: invite.createdAt,
          revokedAt: invite.revokedAt,
          joined: joined(invite),
          token,
          url: token === null ? null : boardUrl(origin, invite.boardId, token),
        }
      }),
    })
  })

  app.patch('/boards/:id/members/:memberId', limit(SMALL_BODY), async (c) => {
    const principal = await access(c)
    requireRole(principal, ['owner'], ownerOnly)
    const memberId = pathId(c, 'memberId', 'member')
    const body = validate(RoleBody, await readJson(c))
    const member = unwrap(
      await deps.membership.changeRole(principal.boardId, memberId, body.role, body.function),
    )
    return c.json({ member })
  })

  app.delete('/boards/:id/members/:memberId', async (c) => {
    const principal = await access(c)
    requireRole(principal, ['owner'], ownerOnly)
    const memberId = pathId(c, 'memberId', 'member')
    return c.json({ member: unwrap(await deps.membership.revokeMember(principal.boardId, memberId)) })
  })

  app.delete('/boards/:id/invites/:inviteId', async (c) => {
    const principal = await access(c)
    requireRole(principal, ['owner'], ownerOnly)
    const inviteId = pathId(c, 'inviteId', 'invite')
    const invite = unwrap(await deps.membership.revokeInvite(principal.boardId, inviteId))
    return c.json({
      invite: {
        id: invite.id,
        role: invite.role,
        function: invite.function,
        name: invite.name,
        createdAt: invite.createdAt,
        revokedAt: invite.revokedAt,
      },
    })
  })

  return app
}
