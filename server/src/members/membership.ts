// Who is on a board and with which role, kept in the server's tables (the authority for access) and
// mirrored into the document by the server so every screen can show it. Joining turns an invite into
// a person with a personal token; the owner changes roles and revokes people or invites. A revocation
// closes the person's open sockets at once; a role change applies to their open sockets at once.

import { type Member, writeMember } from '@tideboard/shared'
import { memberToken, type Principal } from '../auth/access.js'
import type { Role } from '../auth/roles.js'
import { randomId } from '../ids.js'
import type { InviteRecord, MemberRecord, Storage } from '../storage/storage.js'
import { SERVER_ORIGIN } from '../sync/origin.js'
import { CLOSE_CODES } from '../sync/room.js'
import type { Rooms } from '../sync/rooms.js'

export interface MembershipRefused {
  status: 400 | 404 | 409
  code: string
  message: string
}

export type MembershipResult<T> = { ok: true; value: T } | { ok: false; error: MembershipRefused }

const refuse = <T>(
  status: MembershipRefused['status'],
  code: string,
  message: string,
): MembershipResult<T> => ({
  ok: false,
  error: { status, code, message },
})

export const REVOKED_REASON = 'access revoked'

/** What the owner's members screen shows of a member. */
export interface MemberView {
  id: string
  name: string
  role: Role
  function: string | null
  inviteId: string
  joinedAt: string
  revokedAt: string | null
}

export function memberView(m: MemberRecord): MemberView {
  return {
    id: m.id,
    name: m.name,
    role: m.role,
    function: m.function,
    inviteId: m.inviteId,
    joinedAt: m.joinedAt,
    revokedAt: m.revokedAt,
  }
}

function docMember(m: MemberRecord): Member {
  return {
    id: m.id,
    name: m.name,
    role: m.role,
    function: m.function,
    joinedAt: m.joinedAt,
    revokedAt: m.revokedAt,
  }
}

export interface MembershipDeps {
  storage: Storage
  secret: Uint8Array
  rooms: Rooms
}

export class Membership {
  constructor(private readonly deps: MembershipDeps) {}

  /** Turns the invite `principal` came with into a member; returns the member's personal token. */
  async join(
    principal: Principal,
    name: string | undefined,
    now: Date = new Date(),
  ): Promise<MembershipResult<{ token: string; member: MemberView }>> {
    if (principal.memberId !== undefined) {
      return refuse(
        409,
        'already_member',
        'this token already belongs to a member; use an invite link to join',
      )
    }
    const invite = await this.deps.storage.getInvite(principal.inviteId)
    if (!invite) return refuse(404, 'not_found', 'invite not found')
    const chosen = name ?? invite.name ?? undefined
    if (chosen === undefined) return refuse(400, 'invalid_body', 'At name: say who you are')
    const member: MemberRecord = {
      id: randomId(),
      boardId: principal.boardId,
      inviteId: invite.id,
      name: chosen,
      role: invite.role,
      function: invite.function,
      joinedAt: now.toISOString(),
      revokedAt: null,
    }
    await this.deps.storage.createMember(member)
    await this.mirror(member)
    return { ok: true, value: { token: memberToken(this.deps.secret, member), member: memberView(member) } }
  }

  async list(boardId: string): Promise<{ members: MemberRecord[]; invites: InviteRecord[] }> {
    const [members, invites] = await Promise.all([
      this.deps.storage.listMembers(boardId),
      this.deps.storage.listInvites(boardId),
    ])
    return { members, invites }
  }

  async changeRole(
    boardId: string,
    memberId: string,
    role: Role,
    fn: string | undefined,
  ): Promise<MembershipResult<MemberView>> {
    const member = await this.deps.storage.getMember(memberId)
    if (!member || member.boardId !== boardId) return refuse(404, 'not_found', 'member not found')
    if (member.revokedAt !== null) return refuse(409, 'revoked', 'this member was revoked')
    if (role === 'leader' && fn === undefined) {
      return refuse(400, 'invalid_body', 'At function: a leader must have the function they sign off for')
    }
    if (
      member.role === 'owner' &&
      role !== 'owner' &&
      !(await this.otherOwnerExists(boardId, { memberId }))
    ) {
      return refuse(409, 'last_owner', 'the board needs an owner: make someone else owner first')
    }
    const next = fn ?? (role === 'leader' ? null : member.function)
    await this.deps.storage.updateMember(memberId, role, next)
    const updated: MemberRecord = { ...member, role, function: next }
    await this.mirror(updated)
    this.deps.rooms.changeRoleEverywhere(boardId, memberId, role, next)
    return { ok: true, value: memberView(updated) }
  }

  async revokeMember(
    boardId: string,
    memberId: string,
    now: Date = new Date(),
  ): Promise<MembershipResult<MemberView>> {
    const member = await this.deps.storage.getMember(memberId)
    if (!member || member.boardId !== boardId) return refuse(404, 'not_found', 'member not found')
    if (member.revokedAt === null) {
      if (member.role === 'owner' && !(await this.otherOwnerExists(boardId, { memberId }))) {
        return refuse(409, 'last_owner', 'the board needs an owner: make someone else owner first')
      }
      member.revokedAt = now.toISOString()
      await this.deps.storage.revokeMember(memberId, member.revokedAt)
      await this.mirror(member)
    }
    this.deps.rooms.closeEverywhere(boardId, { memberId }, CLOSE_CODES.forbidden, REVOKED_REASON)
    return { ok: true, value: memberView(member) }
  }

  /** Revokes an invite link: its token stops working; people who already joined through it stay. */
  async revokeInvite(
    boardId: string,
    inviteId: string,
    now: Date = new Date(),
  ): Promise<MembershipResult<InviteRecord>> {
    const invite = await this.deps.storage.getInvite(inviteId)
    if (!invite || invite.boardId !== boardId) return refuse(404, 'not_found', 'invite not found')
    if (invite.revokedAt === null) {
      if (invite.role === 'owner' && !(await this.otherOwnerExists(boardId, { inviteId }))) {
        return refuse(409, 'last_owner', 'the board needs an owner: make someone else owner first')
      }
      invite.revokedAt = now.toISOString()
      await this.deps.storage.revokeInvite(inviteId, invite.revokedAt)
    }
    this.deps.rooms.closeEverywhere(boardId, { inviteId }, CLOSE_CODES.forbidden, REVOKED_REASON)
    return { ok: true, value: invite }
  }

  /** Whether some owner access (a member or an invite link) remains without the one excluded. */
  private async otherOwnerExists(boardId: string, excluding: { memberId?: string; inviteId?: string }) {
    const { members, invites } = await this.list(boardId)
    return (
      members.some((m) => m.role === 'owner' && m.revokedAt === null && m.id !== excluding.memberId) ||
      invites.some((i) => i.role === 'owner' && i.revokedAt === null && i.id !== excluding.inviteId)
    )
  }

  private mirror(member: MemberRecord): Promise<void> {
    return this.deps.rooms.withRoom(member.boardId, (room) =>
      room.writeAsServer((doc) => writeMember(doc, docMember(member), SERVER_ORIGIN)),
    )
  }
}
