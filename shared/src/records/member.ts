// A member of a board: someone who joined through an invite, with the role the server gave them.
// Members are written into the document by the server alone, so every screen can show who is on the
// board; the server's own tables stay the authority for access.

import { newRepairs, note, type Repairs, readEnum, readNullableString, readString } from './read.js'

export const ROLES = ['owner', 'leader', 'member', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export interface Member {
  id: string
  name: string
  role: Role
  /** The function a leader signs off for; null for other roles. */
  function: string | null
  joinedAt: string | null
  revokedAt: string | null
}

export function readMember(id: string, raw: unknown, repairs: Repairs = newRepairs()): Member | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    note(repairs, `member ${id}`, 'not a record; skipped')
    return null
  }
  const r = raw as Record<string, unknown>
  const path = `member ${id}`
  return {
    id,
    name: readString(r.name, 'Someone', `${path}.name`, repairs).trim() || 'Someone',
    role: readEnum(r.role, ROLES, 'viewer', `${path}.role`, repairs),
    function: readNullableString(r.function, `${path}.function`, repairs),
    joinedAt: readNullableString(r.joinedAt, `${path}.joinedAt`, repairs),
    revokedAt: readNullableString(r.revokedAt, `${path}.revokedAt`, repairs),
  }
}
