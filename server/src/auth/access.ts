// Invites, members and board access: issuing signed tokens backed by an invite or member row, and
// deciding what a presented token may do on a board. The rows are read on every request, so a role
// change or a revocation takes effect at once whatever the token's payload says. Refusals are values
// carrying the HTTP status they map to.

import { randomId } from '../ids.js'
import type { InviteRecord, MemberRecord, Storage } from '../storage/storage.js'
import type { Role } from './roles.js'
import { signToken, verifyToken } from './tokens.js'

export interface Principal {
  boardId: string
  role: Role
  function?: string
  /** The member's name, or the name the invite suggested. */
  name?: string
  /** The invite the token (or the member's join) came from. */
  inviteId: string
  /** Set when the token is personal: the member row that decides this principal's access. */
  memberId?: string
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

const LINK_NAMES: Record<Role, string> = {
  owner: 'Owner link',
  leader: 'Leader link',
  member: 'Member link',
  viewer: 'Viewer link',
}

/**
 * Who did something, as the activity feed and decisions record it: the member, or for someone using
 * an invite link without having joined, the invite (named after it, e.g. "Member link").
 */
export function identityOf(principal: Principal): { id: string; name: string } {
  return {
    id: principal.memberId ?? principal.inviteId,
    name: principal.name ?? LINK_NAMES[principal.role],
  }
}

/** The token of an invite row; the same string every time, so the owner can copy a link again. */
export function inviteToken(secret: Uint8Array, invite: InviteRecord): string {
  return signToken(secret, {
    v: 1,
    b: invite.boardId,
    r: invite.role,
    ...(invite.function === null ? {} : { f: invite.function }),
    ...(invite.name === null ? {} : { n: invite.name }),
    i: invite.id,
    t: Date.parse(invite.createdAt),
  })
}

export async function issueInvite(
  storage: Storage,
  secret: Uint8Array,
  spec: InviteSpec,
  now: Date = new Date(),
): Promise<{ inviteId: string; token: string }> {
  const invite: InviteRecord = {
    id: randomId(),
    boardId: spec.boardId,
    role: spec.role,
    function: spec.function ?? null,
    name: spec.name ?? null,
    createdAt: now.toISOString(),
    revokedAt: null,
  }
  await storage.createInvite(invite)
  return { inviteId: invite.id, token: inviteToken(secret, invite) }
}

/** The personal token of a member: it names the member row, which decides role and access. */
export function memberToken(secret: Uint8Array, member: MemberRecord): string {
  return signToken(secret, {
    v: 1,
    b: member.boardId,
    r: member.role,
    ...(member.function === null ? {} : { f: member.function }),
    n: member.name,
    i: member.inviteId,
    m: member.id,
    t: Date.parse(member.joinedAt),
  })
}

export function principalOfMember(member: MemberRecord): Principal {
  return {
    boardId: member.boardId,
    role: member.role,
    ...(member.function === null ? {} : { function: member.function }),
    name: member.name,
    inviteId: member.inviteId,
    memberId: member.id,
  }
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
 * then a missing or forged token is 401, and a token for another board, a revoked invite or a
 * revoked member is 403. A personal token stays valid when the invite it joined through is revoked:
 * revoking a link stops new people, not those who already joined.
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
  if (payload.m !== undefined) {
    const member = await storage.getMember(payload.m)
    if (!member || member.boardId !== boardId) return denied(403, 'this member does not exist')
    if (member.revokedAt !== null) return denied(403, 'your access to this board was revoked')
    return { ok: true, value: principalOfMember(member) }
  }
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

/**
 * Reads an open connection's access again from storage: its current role and function, or null when
 * the member or invite behind it was revoked. For catching up after this instance missed the news
 * (its bus was down while another instance revoked someone or changed a role).
 */
export async function currentAccess(
  storage: Storage,
  principal: Principal,
): Promise<Pick<Principal, 'role' | 'function'> | null> {
  if (principal.memberId !== undefined) {
    const member = await storage.getMember(principal.memberId)
    if (!member || member.boardId !== principal.boardId || member.revokedAt !== null) return null
    return { role: member.role, ...(member.function === null ? {} : { function: member.function }) }
  }
  const invite = await storage.getInvite(principal.inviteId)
  if (!invite || invite.boardId !== principal.boardId || invite.revokedAt !== null) return null
  return { role: invite.role, ...(invite.function === null ? {} : { function: invite.function }) }
}
