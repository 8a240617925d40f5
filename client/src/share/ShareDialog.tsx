// Share (owners only): make invite links for members, viewers and function leaders, and copy them.
// Tokens are minted by the server; this dialog only asks for them.

import { useId, useState } from 'react'
import { createInvite, type Role } from '../api/boardsApi'
import { Dialog } from '../ui/Dialog'
import { type InviteLink, InviteLinks } from './InviteLinks'
import { ROLE_LABELS, ROLE_POWERS } from './roleLabels'

type InviteRole = Exclude<Role, 'owner'>
const INVITE_ROLES: readonly InviteRole[] = ['member', 'viewer', 'leader']

export interface ShareDialogProps {
  open: boolean
  onClose(): void
  boardId: string
  ownerToken: string
  /** Functions a leader invite can name: the defaults plus any the board uses. */
  functions: readonly string[]
}

export function ShareDialog({ open, onClose, boardId, ownerToken, functions }: ShareDialogProps) {
  const [role, setRole] = useState<InviteRole>('member')
  const [fn, setFn] = useState(functions[0] ?? '')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [links, setLinks] = useState<InviteLink[]>([])
  const id = useId()

  async function create(): Promise<void> {
    setBusy(true)
    setError(null)
    const invite: { role: InviteRole; function?: string; name?: string } = { role }
    if (role === 'leader') invite.function = fn
    if (name.trim() !== '') invite.name = name.trim()
    const res = await createInvite(boardId, ownerToken, invite)
    setBusy(false)
    if (!res.ok) {
      setError(
        res.error.status === 401 || res.error.status === 403
          ? 'Only the board owner can create invite links.'
          : res.error.message,
      )
      return
    }
    const detail = [role === 'leader' ? fn : '', name.trim()].filter(Boolean).join(', ')
    setLinks((prev) => [{ role, url: res.value.url, ...(detail ? { detail } : {}) }, ...prev])
  }

  return (
    <Dialog open={open} onClose={onClose} title="Share board">
      <form
        className="share-form"
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
      >
        <fieldset className="role-picker">
          <legend>Invite as</legend>
          {INVITE_ROLES.map((r) => (
            <label key={r} className={`role-option${role === r ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name={`${id}-role`}
                value={r}
                checked={role === r}
                onChange={() => setRole(r)}
              />
              <span className="role-option-name">{ROLE_LABELS[r]}</span>
              <span className="role-option-powers">{ROLE_POWERS[r]}</span>
            </label>
          ))}
        </fieldset>
        <div className="field-row">
          {role === 'leader' && (
            <label className="field">
              <span className="field-label">Function</span>
              <select className="input" value={fn} onChange={(e) => setFn(e.target.value)}>
                {functions.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field grow">
            <span className="field-label">Name (optional)</span>
            <input
              className="input"
              value={name}
              maxLength={80}
              placeholder="Who is this link for?"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || (role === 'leader' && !fn)}>
            {busy ? 'Creating…' : 'Create link'}
          </button>
        </div>
      </form>
      {links.length > 0 && (
        <section className="share-links" aria-label="New invite links">
          <h3 className="subheading">New links</h3>
          <p className="hint">
            Anyone with a link joins with its role. Send each one only to the people it is for.
          </p>
          <InviteLinks links={links} />
        </section>
      )}
    </Dialog>
  )
}
