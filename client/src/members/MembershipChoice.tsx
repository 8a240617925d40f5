// Shown when an invite link is opened for a board this browser already joined as a person: by
// default they carry on as who they are; joining again with the link (as someone new, with the link's
// role) happens only when they choose it.

import type { BoardAccess } from '../api/boardsApi'
import { ROLE_LABELS } from '../share/roleLabels'
import type { JoinedBoard } from '../state/joinedBoards'
import { MessageScreen } from '../ui/MessageScreen'

export interface MembershipChoiceProps {
  current: JoinedBoard
  link: BoardAccess
  onKeep(): void
  onJoinWithLink(): void
}

const roleName = (role: BoardAccess['role'], fn: string | undefined) =>
  `${ROLE_LABELS[role]}${role === 'leader' && fn ? ` · ${fn}` : ''}`

export function MembershipChoice({ current, link, onKeep, onJoinWithLink }: MembershipChoiceProps) {
  return (
    <MessageScreen
      title={`You are already on “${current.title}”`}
      actions={
        <>
          {/* biome-ignore lint/a11y/noAutofocus: keeping the membership is the safe default */}
          <button type="button" className="button primary" autoFocus onClick={onKeep}>
            Continue as {current.name ?? 'yourself'}
          </button>
          <button type="button" className="button" onClick={onJoinWithLink}>
            Join as someone new with this link
          </button>
        </>
      }
    >
      <p>
        This browser joined as <strong>{current.name ?? 'a member'}</strong> (
        {roleName(current.role, current.function)}). The link you opened is a{' '}
        <strong>{roleName(link.role, link.function)}</strong> invite.
      </p>
      <p className="hint">
        Joining with the link adds a new person to the board with the link’s role; this browser then uses that
        one.
      </p>
    </MessageScreen>
  )
}
