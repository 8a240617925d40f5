// The board's top bar: way back to the boards, title, who you are (name, role, a leader's function),
// North Star, who else is here, connection state, undo/redo, people, export and (for owners) Share. The view switch sits right under it, with the filters.

import type { Kpi, Role } from '@tideboard/shared'
import type { ReactNode } from 'react'
import { Link } from '../app/Link'
import { initials } from '../cards/initials'
import { ROLE_LABELS } from '../share/roleLabels'
import type { ConnectionStatus } from '../sync/connectBoard'
import { BackIcon, PeopleIcon, RedoIcon, ShareIcon, UndoIcon } from '../ui/icons'
import type { BoardAccessInfo } from './boardAccess'
import { ConnectionIndicator } from './ConnectionIndicator'
import { ExportMenu } from './ExportMenu'
import { NorthStar } from './NorthStar'

export interface TopBarProps {
  boardId: string
  title: string
  access: BoardAccessInfo
  /** Who this person is on the board now (role and function follow the owner's changes live). */
  me: { name: string | null; role: Role; fn: string | null }
  status: ConnectionStatus
  /** Whether the server confirms stored writes, and how many of this browser's edits it has not yet. */
  acknowledged: boolean
  unsaved: number
  northStar: Kpi | null
  onShowKpis(): void
  onPeople(): void
  canEdit: boolean
  canUndo: boolean
  canRedo: boolean
  onUndo(): void
  onRedo(): void
  /** Opens the Share dialog; null when this user cannot invite. */
  onShare: (() => void) | null
  /** Avatars of the others on the board. */
  presence?: ReactNode
  /** The bell with this person's unseen mentions. */
  mentions?: ReactNode
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
const mod = isMac ? '⌘' : 'Ctrl+'

export function TopBar(props: TopBarProps) {
  const { access, me } = props
  const role = `${ROLE_LABELS[me.role]}${me.role === 'leader' && me.fn ? ` · ${me.fn}` : ''}`
  return (
    <header className="topbar">
      <div className="topbar-main">
        <Link to="/" className="back-link" title="All your boards">
          <BackIcon /> Boards
        </Link>
        <h1 className="board-title">{props.title}</h1>
        {props.northStar && <NorthStar kpi={props.northStar} onOpen={props.onShowKpis} />}
      </div>
      <div className="topbar-tools">
        {props.presence}
        {props.mentions}
        <ConnectionIndicator
          status={props.status}
          acknowledged={props.acknowledged}
          unsaved={props.unsaved}
        />
        {props.canEdit && (
          <div className="button-group">
            <button
              type="button"
              className="button"
              onClick={props.onUndo}
              disabled={!props.canUndo}
              title={`Undo your last change (${mod}Z)`}
              aria-label="Undo"
              aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
            >
              <UndoIcon />
            </button>
            <button
              type="button"
              className="button"
              onClick={props.onRedo}
              disabled={!props.canRedo}
              title={`Redo (${isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z'})`}
              aria-label="Redo"
              aria-keyshortcuts={isMac ? 'Meta+Shift+Z' : 'Control+Shift+Z'}
            >
              <RedoIcon />
            </button>
          </div>
        )}
        <button type="button" className="button" onClick={props.onPeople}>
          <PeopleIcon /> People
        </button>
        <ExportMenu boardId={props.boardId} token={access.token} />
        {props.onShare && (
          <button type="button" className="button primary" onClick={props.onShare}>
            <ShareIcon /> Share
          </button>
        )}
        <span className="identity" data-testid="identity">
          <span className="sr-only">You: </span>
          {me.name && (
            <span className="identity-avatar" aria-hidden="true">
              {initials(me.name)}
            </span>
          )}
          {me.name && <span className="identity-name">{me.name}</span>}
          <span className={`role-badge role-${me.role}`} data-role={me.role}>
            <span className="sr-only">Your role: </span>
            {role}
            {me.role === 'viewer' && <span className="role-note">· view only</span>}
          </span>
        </span>
      </div>
    </header>
  )
}
