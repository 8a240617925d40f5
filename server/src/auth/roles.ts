// The roles an invite grants (SPEC.md): owner administers, leader signs off for one function,
// member edits, viewer reads.

export const ROLES = ['owner', 'leader', 'member', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
