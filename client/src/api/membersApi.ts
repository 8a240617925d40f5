// The owner's members calls: who joined with which role, the invite links and their use, role
// changes and revocations. Values are checked on the way in; a malformed answer is an ApiError.

import {
  type ApiResult,
  isRecord,
  json,
  jsonInit,
  malformed,
  ROLES,
  type Role,
  request,
  str,
} from './boardsApi'

export interface BoardMember {
  id: string
  name: string
  role: Role
  function: string | null
  inviteId: string
  joinedAt: string
  revokedAt: string | null
}

export interface BoardInvite {
  id: string
  role: Role
  function: string | null
  name: string | null
  createdAt: string
  revokedAt: string | null
  /** How many people joined through this link. */
  joined: number
  /** Null once revoked. */
  url: string | null
}

export interface MembersList {
  members: BoardMember[]
  invites: BoardInvite[]
}

function readRole(value: unknown): Role | null {
  return ROLES.find((r) => r === value) ?? null
}

function readMember(raw: unknown): BoardMember | null {
  if (!isRecord(raw)) return null
  const id = str(raw.id)
  const role = readRole(raw.role)
  if (!id || !role) return null
  return {
    id,
    role,
    name: str(raw.name) ?? 'Someone',
    function: str(raw.function),
    inviteId: str(raw.inviteId) ?? '',
    joinedAt: str(raw.joinedAt) ?? '',
    revokedAt: str(raw.revokedAt),
  }
}

function readInvite(raw: unknown): BoardInvite | null {
  if (!isRecord(raw)) return null
  const id = str(raw.id)
  const role = readRole(raw.role)
  if (!id || !role) return null
  return {
    id,
    role,
    function: str(raw.function),
    name: str(raw.name),
    createdAt: str(raw.createdAt) ?? '',
    revokedAt: str(raw.revokedAt),
    joined: typeof raw.joined === 'number' ? raw.joined : 0,
    url: str(raw.url),
  }
}

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`

export async function listMembers(boardId: string, token: string): Promise<ApiResult<MembersList>> {
  const res = await request(`${base(boardId)}/members`, { method: 'GET' }, token)
  if (!res.ok) return res
  const body = await json(res.value)
  if (!isRecord(body) || !Array.isArray(body.members) || !Array.isArray(body.invites)) {
    return { ok: false, error: malformed('members list') }
  }
  return {
    ok: true,
    value: {
      members: body.members.flatMap((m) => readMember(m) ?? []),
      invites: body.invites.flatMap((i) => readInvite(i) ?? []),
    },
  }
}

async function memberAnswer(res: ApiResult<Response>): Promise<ApiResult<BoardMember>> {
  if (!res.ok) return res
  const body = await json(res.value)
  const member = isRecord(body) ? readMember(body.member) : null
  return member ? { ok: true, value: member } : { ok: false, error: malformed('member') }
}

export async function changeMemberRole(
  boardId: string,
  token: string,
  memberId: string,
  change: { role: Role; function?: string },
): Promise<ApiResult<BoardMember>> {
  const init = { ...jsonInit(change), method: 'PATCH' }
  return memberAnswer(await request(`${base(boardId)}/members/${encodeURIComponent(memberId)}`, init, token))
}

export async function revokeMember(
  boardId: string,
  token: string,
  memberId: string,
): Promise<ApiResult<BoardMember>> {
  return memberAnswer(
    await request(`${base(boardId)}/members/${encodeURIComponent(memberId)}`, { method: 'DELETE' }, token),
  )
}

export async function revokeInvite(
  boardId: string,
  token: string,
  inviteId: string,
): Promise<ApiResult<undefined>> {
  const res = await request(
    `${base(boardId)}/invites/${encodeURIComponent(inviteId)}`,
    { method: 'DELETE' },
    token,
  )
  return res.ok ? { ok: true, value: undefined } : res
}
