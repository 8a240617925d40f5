// The REST calls the client makes (board creation, import, invites, role lookup, joining, export,
// sample). Every call resolves to a value: HTTP and network failures come back as an ApiError, never
// thrown. The request helpers are shared with the members, decisions and activity calls.

export type Role = 'owner' | 'leader' | 'member' | 'viewer'
export const ROLES: readonly Role[] = ['owner', 'leader', 'member', 'viewer']

export interface ApiError {
  /** HTTP status, or 0 when the server could not be reached. */
  status: number
  code: string
  message: string
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export interface InviteSet {
  owner: string
  member: string
  viewer: string
}

export interface CreatedBoard {
  id: string
  title: string
  invites: InviteSet
  /** Ready-made invite URLs; built from the tokens when the server does not send them. */
  urls: InviteSet
}

export interface BoardAccess {
  id: string
  title: string
  role: Role
  function?: string
  name?: string
  /** Set for a personal token (someone who joined); absent for an invite link's token. */
  memberId?: string
}

export interface CreatedInvite {
  token: string
  url: string
}

export interface SampleBoard {
  id: string
  title: string
  url: string
}

export type ExportFormat = 'json' | 'csv' | 'md'

export function inviteUrl(boardId: string, token: string): string {
  return `${location.origin}/b/${encodeURIComponent(boardId)}#token=${encodeURIComponent(token)}`
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

export function malformed(what: string): ApiError {
  return { status: 0, code: 'bad_response', message: `The server sent an unexpected ${what}.` }
}

async function errorFrom(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`
  let message = res.statusText || `Request failed (${res.status})`
  try {
    const body: unknown = await res.json()
    if (isRecord(body) && isRecord(body.error)) {
      code = str(body.error.code) ?? code
      message = str(body.error.message) ?? message
    }
  } catch {
    // A non-JSON error body (a proxy page, say): the status line is all we have.
  }
  return { status: res.status, code, message }
}

export async function request(
  path: string,
  init: RequestInit,
  token?: string | null,
): Promise<ApiResult<Response>> {
  const headers = new Headers(init.headers)
  if (token) headers.set('Authorization', `Bearer ${token}`)
  let res: Response
  try {
    res = await fetch(path, { ...init, headers })
  } catch {
    return {
      ok: false,
      error: { status: 0, code: 'network', message: 'Could not reach the Tideboard server.' },
    }
  }
  if (!res.ok) return { ok: false, error: await errorFrom(res) }
  return { ok: true, value: res }
}

export async function json(res: Response): Promise<unknown> {
  try {
    return await res.json()
  } catch {
    return null
  }
}

function readCreatedBoard(body: unknown): ApiResult<CreatedBoard> {
  if (!isRecord(body) || !isRecord(body.invites)) return { ok: false, error: malformed('board') }
  const id = str(body.id)
  const owner = str(body.invites.owner)
  const member = str(body.invites.member)
  const viewer = str(body.invites.viewer)
  if (!id || !owner || !member || !viewer) return { ok: false, error: malformed('board') }
  const urls = isRecord(body.urls) ? body.urls : {}
  return {
    ok: true,
    value: {
      id,
      title: str(body.title) ?? 'Untitled board',
      invites: { owner, member, viewer },
      urls: {
        owner: str(urls.owner) ?? inviteUrl(id, owner),
        member: str(urls.member) ?? inviteUrl(id, member),
        viewer: str(urls.viewer) ?? inviteUrl(id, viewer),
      },
    },
  }
}

export const jsonInit = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

export async function createBoard(
  title: string,
  adminToken?: string | null,
): Promise<ApiResult<CreatedBoard>> {
  const res = await request('/api/boards', jsonInit({ title }), adminToken)
  return res.ok ? readCreatedBoard(await json(res.value)) : res
}

/** Imports a board file; `fileText` is sent as is so the server validates exactly what the user chose. */
export async function importBoard(
  fileText: string,
  adminToken?: string | null,
): Promise<ApiResult<CreatedBoard>> {
  const res = await request('/api/boards/import', jsonInit(fileText), adminToken)
  return res.ok ? readCreatedBoard(await json(res.value)) : res
}

/**
 * How long opening a board waits for the server to confirm access. A network that says it is up but
 * answers nothing (conference Wi-Fi) must not keep a joined board from opening from this device.
 */
const ACCESS_TIMEOUT_MS = 5000

export async function getBoardAccess(boardId: string, token: string): Promise<ApiResult<BoardAccess>> {
  const res = await request(
    `/api/boards/${encodeURIComponent(boardId)}`,
    { method: 'GET', signal: AbortSignal.timeout(ACCESS_TIMEOUT_MS) },
    token,
  )
  if (!res.ok) return res
  const body = await json(res.value)
  if (!isRecord(body)) return { ok: false, error: malformed('board') }
  const role = ROLES.find((r) => r === body.role)
  if (!role) return { ok: false, error: malformed('role') }
  const access: BoardAccess = {
    id: str(body.id) ?? boardId,
    title: str(body.title) ?? 'Untitled board',
    role,
  }
  const fn = str(body.function)
  const name = str(body.name)
  const memberId = str(body.memberId)
  if (fn) access.function = fn
  if (name) access.name = name
  if (memberId) access.memberId = memberId
  return { ok: true, value: access }
}

export interface JoinedMember {
  /** The personal token that replaces the invite token from now on. */
  token: string
  memberId: string
  name: string
  role: Role
  function: string | null
}

/** Joins a board through an invite: the server makes this person a member with a personal token. */
export async function joinBoard(
  boardId: string,
  inviteToken: string,
  name: string,
): Promise<ApiResult<JoinedMember>> {
  const res = await request(
    `/api/boards/${encodeURIComponent(boardId)}/join`,
    jsonInit({ name }),
    inviteToken,
  )
  if (!res.ok) return res
  const body = await json(res.value)
  if (!isRecord(body) || !isRecord(body.member)) return { ok: false, error: malformed('membership') }
  const token = str(body.token)
  const memberId = str(body.member.id)
  const role = ROLES.find((r) => r === (body.member as Record<string, unknown>).role)
  if (!token || !memberId || !role) return { ok: false, error: malformed('membership') }
  return {
    ok: true,
    value: {
      token,
      memberId,
      role,
      name: str(body.member.name) ?? name,
      function: str(body.member.function),
    },
  }
}

export async function createInvite(
  boardId: string,
  ownerToken: string,
  invite: { role: Exclude<Role, 'owner'>; function?: string; name?: string },
): Promise<ApiResult<CreatedInvite>> {
  const res = await request(
    `/api/boards/${encodeURIComponent(boardId)}/invites`,
    jsonInit(invite),
    ownerToken,
  )
  if (!res.ok) return res
  const body = await json(res.value)
  const token = isRecord(body) ? str(body.token) : null
  if (!isRecord(body) || !token) return { ok: false, error: malformed('invite') }
  return { ok: true, value: { token, url: str(body.url) ?? inviteUrl(boardId, token) } }
}

export async function exportBoard(
  boardId: string,
  token: string,
  format: ExportFormat,
): Promise<ApiResult<{ blob: Blob; filename: string }>> {
  const res = await request(
    `/api/boards/${encodeURIComponent(boardId)}/export?format=${format}`,
    { method: 'GET' },
    token,
  )
  if (!res.ok) return res
  const disposition = res.value.headers.get('Content-Disposition') ?? ''
  const named = /filename="?([^";]+)"?/i.exec(disposition)?.[1]
  return {
    ok: true,
    value: { blob: await res.value.blob(), filename: named ?? `board-${boardId}.${format}` },
  }
}

/** The sample board's owner link, or null when this server has none. */
export async function getSampleBoard(): Promise<ApiResult<SampleBoard | null>> {
  const res = await request('/api/sample', { method: 'GET' })
  if (!res.ok) return res.error.status === 404 ? { ok: true, value: null } : res
  const body = await json(res.value)
  if (!isRecord(body)) return { ok: false, error: malformed('sample board') }
  const id = str(body.id)
  const url = str(body.url)
  if (!id || !url) return { ok: false, error: malformed('sample board') }
  return { ok: true, value: { id, title: str(body.title) ?? 'Sample board', url } }
}
