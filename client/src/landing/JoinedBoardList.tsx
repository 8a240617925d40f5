// The boards this browser has joined: open one, or forget it here (with a moment to undo).

import { useState, useSyncExternalStore } from 'react'
import { Link } from '../app/Link'
import { ROLE_LABELS } from '../share/roleLabels'
import {
  forgetBoard,
  type JoinedBoard,
  listJoinedBoards,
  rememberBoard,
  subscribeJoinedBoards,
} from '../state/joinedBoards'

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

function lastOpened(iso: string): string {
  const then = Date.parse(iso)
  if (Number.isNaN(then) || then === 0) return 'never opened'
  const minutes = Math.round((then - Date.now()) / 60_000)
  if (minutes > -1) return 'opened just now'
  if (minutes > -60) return `opened ${relative.format(minutes, 'minute')}`
  const hours = Math.round(minutes / 60)
  if (hours > -24) return `opened ${relative.format(hours, 'hour')}`
  const days = Math.round(hours / 24)
  if (days > -30) return `opened ${relative.format(days, 'day')}`
  return `opened ${new Date(then).toLocaleDateString()}`
}

export function JoinedBoardList() {
  const boards = useSyncExternalStore(subscribeJoinedBoards, listJoinedBoards)
  const [forgotten, setForgotten] = useState<JoinedBoard | null>(null)

  return (
    <section className="panel joined-boards" aria-labelledby="joined-boards-title">
      <h2 id="joined-boards-title" className="panel-title">
        Your boards
      </h2>
      {forgotten && (
        <p className="notice" role="status">
          Forgot “{forgotten.title}” on this device.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              rememberBoard(forgotten)
              setForgotten(null)
            }}
          >
            Undo
          </button>
        </p>
      )}
      {boards.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No boards here yet.</strong>
          </p>
          <p className="hint">
            Create a board, import a board file, or open an invite link someone sent you. Boards you open
            appear here.
          </p>
        </div>
      ) : (
        <ul className="board-list">
          {boards.map((b) => (
            <li key={b.id} className="board-row">
              <Link to={`/b/${encodeURIComponent(b.id)}`} className="board-row-link">
                <span className="board-row-title">{b.title}</span>
                <span className="board-row-meta">
                  <span className={`role-badge role-${b.role}`}>
                    {ROLE_LABELS[b.role]}
                    {b.role === 'leader' && b.function ? ` · ${b.function}` : ''}
                  </span>
                  <span className="muted">{lastOpened(b.lastOpened)}</span>
                </span>
              </Link>
              <button
                type="button"
                className="button ghost small"
                aria-label={`Forget ${b.title}`}
                title="Remove from this device (the board itself stays)"
                onClick={() => {
                  forgetBoard(b.id)
                  setForgotten(b)
                }}
              >
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
