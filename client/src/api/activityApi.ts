// The board's activity feed from the server (who did what, attributed from their token), newest
// first, a page at a time.

import { type ApiResult, isRecord, json, malformed, request, str } from './boardsApi'

export interface ActivityEntry {
  id: number
  at: string
  actor: { id: string; name: string }
  cardId: string | null
  cardTitle: string
  /** The sentence without the actor, e.g. `moved “X” from Engage to Retain`. */
  line: string
  /** The kind of action (`created`, `moved`, `decided`, …), for icons and styling. */
  kind: string
  /** For decisions: approve or decline. */
  verdict: string | null
}

export interface ActivityPage {
  activity: ActivityEntry[]
  /** Pass as `before` for the next (older) page; null when there is none. */
  next: number | null
}

export interface ActivityQuery {
  memberId?: string
  cardId?: string
  limit?: number
  before?: number
}

function readEntry(raw: unknown): ActivityEntry | null {
  if (!isRecord(raw) || typeof raw.id !== 'number') return null
  const actor = isRecord(raw.actor) ? raw.actor : {}
  const action = isRecord(raw.action) ? raw.action : {}
  return {
    id: raw.id,
    at: str(raw.at) ?? '',
    actor: { id: str(actor.id) ?? '', name: str(actor.name) ?? 'Someone' },
    cardId: str(raw.cardId),
    cardTitle: str(raw.cardTitle) ?? '',
    line: str(raw.line) ?? 'changed something',
    kind: str(action.kind) ?? 'edited',
    verdict: str(action.verdict),
  }
}

export async function getActivity(
  boardId: string,
  token: string,
  query: ActivityQuery = {},
): Promise<ApiResult<ActivityPage>> {
  const params = new URLSearchParams()
  if (query.memberId) params.set('memberId', query.memberId)
  if (query.cardId) params.set('cardId', query.cardId)
  if (query.limit) params.set('limit', String(query.limit))
  if (query.before !== undefined) params.set('before', String(query.before))
  const search = params.size > 0 ? `?${params}` : ''
  const res = await request(
    `/api/boards/${encodeURIComponent(boardId)}/activity${search}`,
    { method: 'GET' },
    token,
  )
  if (!res.ok) return res
  const body = await json(res.value)
  if (!isRecord(body) || !Array.isArray(body.activity)) return { ok: false, error: malformed('activity') }
  return {
    ok: true,
    value: {
      activity: body.activity.flatMap((e) => readEntry(e) ?? []),
      next: typeof body.next === 'number' ? body.next : null,
    },
  }
}
