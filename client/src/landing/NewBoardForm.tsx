// "New board": a title, then the server creates the board and hands back its invite links.

import { useState } from 'react'
import { type CreatedBoard, createBoard } from '../api/boardsApi'
import { rememberBoard } from '../state/joinedBoards'
import { PlusIcon } from '../ui/icons'
import { AdminTokenField } from './AdminTokenField'
import { getAdminToken, setAdminToken } from './adminToken'

export function NewBoardForm({ onCreated }: { onCreated(board: CreatedBoard): void }) {
  const [title, setTitle] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [needsAdmin, setNeedsAdmin] = useState(false)

  async function submit(): Promise<void> {
    const clean = title.replace(/\s+/g, ' ').trim()
    if (clean === '') {
      setError('Give the board a title.')
      return
    }
    setBusy(true)
    setError(null)
    const res = await createBoard(clean, getAdminToken())
    setBusy(false)
    if (!res.ok) {
      if (res.error.status === 401) setNeedsAdmin(true)
      else setError(res.error.message)
      return
    }
    setNeedsAdmin(false)
    setTitle('')
    rememberBoard({ id: res.value.id, token: res.value.invites.owner, role: 'owner', title: res.value.title })
    onCreated(res.value)
  }

  return (
    <form
      className="panel"
      aria-labelledby="new-board-title"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h2 id="new-board-title" className="panel-title">
        New board
      </h2>
      <label className="field">
        <span className="field-label">Board title</span>
        <input
          className="input"
          value={title}
          maxLength={200}
          placeholder="e.g. FY27 growth plan"
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setTitle(e.target.value)
            setError(null)
          }}
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {needsAdmin && (
        <AdminTokenField
          rejected={getAdminToken() !== null}
          onSubmit={(token) => {
            setAdminToken(token)
            void submit()
          }}
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          <PlusIcon /> {busy ? 'Creating…' : 'Create board'}
        </button>
      </div>
    </form>
  )
}
