// Joining a board through an invite link: the person says who they are (prefilled with the name the
// owner put on the invite), the server makes them a member and hands back a personal token, which
// this browser keeps instead of the link's token. It stays valid if the link is later revoked.

import { useId, useState } from 'react'
import { type BoardAccess, type JoinedMember, joinBoard } from '../api/boardsApi'
import { Link } from '../app/Link'
import { ROLE_LABELS, ROLE_POWERS } from '../share/roleLabels'
import { FieldError } from '../ui/FieldError'
import { Logo } from '../ui/Logo'

export interface JoinPromptProps {
  boardId: string
  inviteToken: string
  /** What the invite grants, as the server told it. */
  invite: BoardAccess
  onJoined(member: JoinedMember): void
}

const MAX_NAME = 100

export function JoinPrompt({ boardId, inviteToken, invite, onJoined }: JoinPromptProps) {
  const id = useId()
  const [name, setName] = useState(invite.name ?? '')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const role = `${ROLE_LABELS[invite.role]}${invite.role === 'leader' && invite.function ? ` · ${invite.function}` : ''}`

  async function join(): Promise<void> {
    const chosen = name.trim().replace(/\s+/g, ' ')
    if (chosen === '') {
      setProblem('Say who you are, so others know who changed what.')
      return
    }
    setBusy(true)
    setProblem(null)
    const res = await joinBoard(boardId, inviteToken, chosen)
    setBusy(false)
    if (res.ok) onJoined(res.value)
    else
      setProblem(
        res.error.status === 0
          ? 'Could not reach the Tideboard server. Check your connection and try again.'
          : res.error.status === 401 || res.error.status === 403
            ? 'This invite link no longer works. Ask the board’s owner for a new one.'
            : res.error.message,
      )
  }

  return (
    <main className="message-screen">
      <form
        className="message-card join-card"
        aria-labelledby={`${id}-title`}
        onSubmit={(e) => {
          e.preventDefault()
          void join()
        }}
      >
        <Logo />
        <h1 id={`${id}-title`}>Join “{invite.title}”</h1>
        <p>
          You were invited as <span className={`role-badge role-${invite.role}`}>{role}</span>
        </p>
        <p className="hint">{ROLE_POWERS[invite.role]}.</p>
        <div className="field join-name">
          <label className="field-label" htmlFor={`${id}-name`}>
            Your name
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={MAX_NAME}
            autoComplete="name"
            // biome-ignore lint/a11y/noAutofocus: the one thing to do on this screen
            autoFocus
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-why${problem ? ` ${id}-problem` : ''}`}
            onChange={(e) => setName(e.target.value)}
          />
          <p id={`${id}-why`} className="hint">
            Shown to everyone on this board next to what you change and decide.
          </p>
          <FieldError id={`${id}-problem`}>{problem}</FieldError>
        </div>
        <div className="message-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Joining…' : 'Join board'}
          </button>
          <Link to="/" className="button ghost">
            Not now
          </Link>
        </div>
      </form>
    </main>
  )
}
