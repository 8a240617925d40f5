// Table rows as both SQL backends return them, and their conversion to records: a row that does not
// make sense (an unknown role, unparsable activity) is left out rather than thrown.

import { isRole } from '../auth/roles.js'
import type {
  ActivityRecord,
  DecisionLogRecord,
  FeedAction,
  InviteRecord,
  MemberRecord,
  VersionRecord,
} from './storage.js'

export interface InviteRow {
  id: string
  board_id: string
  role: string
  function: string | null
  name: string | null
  created_at: string
  revoked_at: string | null
}

export interface MemberRow {
  id: string
  board_id: string
  invite_id: string
  name: string
  role: string
  function: string | null
  joined_at: string
  revoked_at: string | null
}

export interface DecisionRow {
  id: string
  board_id: string
  card_id: string
  function: string
  verdict: string
  reason: string
  by_id: string
  by_name: string
  at: string
  fingerprint: string
  round: number
}

export interface ActivityRow {
  /** A number in SQLite, a bigint string from PostgreSQL. */
  id: number | string
  board_id: string
  at: string
  actor_id: string
  actor_name: string
  card_id: string
  card_title: string
  action: string
}

export interface VersionRow {
  id: string
  board_id: string
  name: string
  created_at: string
  created_by: string
  created_by_name: string
  card_count: number | null
}

/** The columns of a version row other than its state, for listing. */
export const VERSION_COLUMNS = 'id, board_id, name, created_at, created_by, created_by_name, card_count'

export function toVersion(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    cardCount: row.card_count === null ? null : Number(row.card_count),
  }
}

export function toInvite(row: InviteRow): InviteRecord | null {
  if (!isRole(row.role)) return null
  return {
    id: row.id,
    boardId: row.board_id,
    role: row.role,
    function: row.function,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  }
}

export function toMember(row: MemberRow): MemberRecord | null {
  if (!isRole(row.role)) return null
  return {
    id: row.id,
    boardId: row.board_id,
    inviteId: row.invite_id,
    name: row.name,
    role: row.role,
    function: row.function,
    joinedAt: row.joined_at,
    revokedAt: row.revoked_at,
  }
}

export function toDecision(row: DecisionRow): DecisionLogRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    cardId: row.card_id,
    function: row.function,
    verdict: row.verdict === 'approve' ? 'approve' : 'decline',
    reason: row.reason,
    by: row.by_id,
    byName: row.by_name,
    at: row.at,
    fingerprint: row.fingerprint,
    round: row.round,
  }
}

export function toActivity(row: ActivityRow): ActivityRecord | null {
  let action: unknown
  try {
    action = JSON.parse(row.action)
  } catch {
    return null
  }
  if (
    typeof action !== 'object' ||
    action === null ||
    typeof (action as { kind?: unknown }).kind !== 'string'
  )
    return null
  return {
    id: Number(row.id),
    boardId: row.board_id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    cardId: row.card_id,
    cardTitle: row.card_title,
    action: action as FeedAction,
  }
}
