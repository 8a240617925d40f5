// How roles are named and explained in the UI.

import type { Role } from '../api/boardsApi'

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  leader: 'Leader',
  member: 'Member',
  viewer: 'Viewer',
}

export const ROLE_POWERS: Record<Role, string> = {
  owner: 'Full control: edits, invites people, manages the board',
  leader: 'Edits and signs off bets for one function',
  member: 'Adds, edits and moves cards',
  viewer: 'Sees the board live, cannot change it',
}
