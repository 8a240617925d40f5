// Named versions of a board over REST: list and read them (anyone on the board), save the board under
// a name and restore a version (the owner). A version's document arrives as base64 of its encoded
// Yjs update, decoded here into bytes for a fresh Y.Doc.

import { fromBase64 } from 'lib0/buffer'
import { type ApiResult, isRecord, json, jsonInit, malformed, request, str } from './boardsApi'

export interface BoardVersion {
  id: string
  name: string
  createdAt: string
  createdBy: string
  createdByName: string
  cardCount: number | null
}

export interface VersionState {
  version: BoardVersion
  /** Y.encodeStateAsUpdate of the board when the version was saved. */
  state: Uint8Array
}

export interface RestoredVersion {
  restored: BoardVersion
  /** The board as it was just before the restore, saved so the restore can be undone. */
  backup: BoardVersion
}

function readVersion(raw: unknown): BoardVersion | null {
  if (!isRecord(raw)) return null
  const id = str(raw.id)
  const name = str(raw.name)
  if (!id || !name) return null
  return {
    id,
    name,
    createdAt: str(raw.createdAt) ?? '',
    createdBy: str(raw.createdBy) ?? '',
    createdByName: str(raw.createdByName) ?? 'Someone',
    cardCount: typeof raw.cardCount === 'number' ? raw.cardCount : null,
  }
}

const versionsPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/versions`

/** Newest first. */
export async function listVersions(boardId: string, token: string): Promise<ApiResult<BoardVersion[]>> {
  const res = await request(versionsPath(boardId), { method: 'GET' }, token)
  if (!res.ok) return res
  const body = await json(res.value)
  if (!isRecord(body) || !Array.isArray(body.versions)) return { ok: false, error: malformed('version list') }
  return { ok: true, value: body.versions.flatMap((v) => readVersion(v) ?? []) }
}

export async function saveVersion(
  boardId: string,
  token: string,
  name: string,
): Promise<ApiResult<BoardVersion>> {
  const res = await request(versionsPath(boardId), jsonInit({ name }), token)
  if (!res.ok) return res
  const body = await json(res.value)
  const version = isRecord(body) ? readVersion(body.version) : null
  return version ? { ok: true, value: version } : { ok: false, error: malformed('version') }
}

export async function getVersion(
  boardId: string,
  token: string,
  versionId: string,
): Promise<ApiResult<VersionState>> {
  const res = await request(
    `${versionsPath(boardId)}/${encodeURIComponent(versionId)}`,
    { method: 'GET' },
    token,
  )
  if (!res.ok) return res
  const body = await json(res.value)
  const version = isRecord(body) ? readVersion(body.version) : null
  const state = isRecord(body) ? str(body.state) : null
  if (!version || state === null) return { ok: false, error: malformed('version') }
  try {
    return { ok: true, value: { version, state: fromBase64(state) } }
  } catch {
    return { ok: false, error: malformed('version state') }
  }
}

export async function restoreVersion(
  boardId: string,
  token: string,
  versionId: string,
): Promise<ApiResult<RestoredVersion>> {
  const res = await request(
    `${versionsPath(boardId)}/${encodeURIComponent(versionId)}/restore`,
    { method: 'POST' },
    token,
  )
  if (!res.ok) return res
  const body = await json(res.value)
  const restored = isRecord(body) ? readVersion(body.restored) : null
  const backup = isRecord(body) ? readVersion(body.backup) : null
  if (!restored || !backup) return { ok: false, error: malformed('restore result') }
  return { ok: true, value: { restored, backup } }
}
