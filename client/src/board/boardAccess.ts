// What the server granted this browser on one board: the token that proves it and the role it carries.

import type { Role } from '../api/boardsApi'

export interface BoardAccessInfo {
  token: string
  role: Role
  /** The function a leader signs off for. */
  function?: string
  name?: string
  /** Set when the token is this person's own (they joined); absent for an invite link's token. */
  memberId?: string
}
