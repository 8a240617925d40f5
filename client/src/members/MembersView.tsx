// The owner's members screen: invite people per role (a leader names the function they sign off for)
// and copy the link; see each link's use and revoke it; see who joined, change their role (and a
// leader's function) or remove them, after a confirmation. Live: it reloads when the server writes a
// membership change into the board (someone joined, a role changed), and after each action here.

import type { Member } from '@tideboard/shared'
import { useCallback, useEffect, useId, useState } from 'react'
import { type ApiError, createInvite, type Role } from '../api/boardsApi'
import {
  type BoardInvite,
  type BoardMember,
  changeMemberRole,
  listMembers,
  type MembersList,
  revokeInvite,
  revokeMember,
} from '../api/membersApi'
import { CopyButton } from '../share/CopyButton'
import { ROLE_LABELS, ROLE_POWERS } from '../share/roleLabels'
import { FieldError } from '../ui/FieldError'
import { PlusIcon } from '../ui/icons'
import { fullTime, timeAgo } from '../ui/timeAgo'

export interface MembersViewProps {
  boardId: string
  token: string
  /** The member records in the board document: a change there means the list changed. */
  members: readonly Member[]
  /** This owner's own member id, to mark "you". */
  myId: string | null
  functions: readonly string[]
}

type InviteRole = Exclude<Role, 'owner'>
const INVITE_ROLES: readonly InviteRole[] = ['leader', 'member', 'viewer']

function problemOf(error: ApiError): string {
  if (error.status === 0) return 'Could not reach the server. Try again.'
  if (error.status === 403) return 'Only the board owner manages members.'
  return error.message.charAt(0).toUpperCase() + error.message.slice(1)
}

const roleName = (role: Role, fn: string | null) =>
  `${ROLE_LABELS[role]}${role === 'leader' && fn ? ` · ${fn}` : ''}`

export function MembersView({ boardId, token, members, myId, functions }: MembersViewProps) {
  const [list, setList] = useState<MembersList | null>(null)
  const [loadProblem, setLoadProblem] = useState<string | null>(null)

  const reload = useCallback(async () => {
    const res = await listMembers(boardId, token)
    if (res.ok) {
      setList(res.value)
      setLoadProblem(null)
    } else setLoadProblem(problemOf(res.error))
  }, [boardId, token])

  useEffect(() => {
    void members // the document's member records changed: someone joined, a role changed
    void reload()
  }, [reload, members])

  return (
    <div className="members-view">
      <header className="view-header">
        <div>
          <h2 className="view-title">Members</h2>
          <p className="hint">
            Invite people with the role they need. Leaders sign off bets for their function. Removing a person
            or a link takes effect at once, also on screens that are open.
          </p>
        </div>
      </header>
      {loadProblem && (
        <p className="field-error" role="alert">
          {loadProblem}{' '}
          <button type="button" className="link-button" onClick={() => void reload()}>
            Try again
          </button>
        </p>
      )}
      <div className="members-grid">
        <div className="members-column">
          <InviteForm boardId={boardId} token={token} functions={functions} onCreated={() => void reload()} />
          <InviteList boardId={boardId} token={token} invites={list?.invites ?? null} onChanged={reload} />
        </div>
        <MemberList
          boardId={boardId}
          token={token}
          members={list?.members ?? null}
          myId={myId}
          functions={functions}
          onChanged={reload}
        />
      </div>
    </div>
  )
}

function InviteForm({
  boardId,
  token,
  functions,
  onCreated,
}: {
  boardId: string
  token: string
  functions: readonly string[]
  onCreated(): void
}) {
  const id = useId()
  const [role, setRole] = useState<InviteRole>('member')
  const [fn, setFn] = useState(functions[0] ?? '')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [created, setCreated] = useState<{ url: string; label: string } | null>(null)

  async function create(): Promise<void> {
    setBusy(true)
    setProblem(null)
    const invite: { role: InviteRole; function?: string; name?: string } = { role }
    if (role === 'leader') invite.function = fn
    if (name.trim() !== '') invite.name = name.trim()
    const res = await createInvite(boardId, token, invite)
    setBusy(false)
    if (!res.ok) {
      setProblem(problemOf(res.error))
      return
    }
    setCreated({ url: res.value.url, label: roleName(role, role === 'leader' ? fn : null) })
    setName('')
    onCreated()
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="panel-title">
        Invite people
      </h3>
      <form
        className="share-form"
        aria-label="Create an invite link"
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
      >
        <fieldset className="role-picker">
          <legend>Role</legend>
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
              <span className="field-label">Signs off for</span>
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
              maxLength={100}
              placeholder="Who is this link for?"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <button type="submit" className="button primary" disabled={busy || (role === 'leader' && !fn)}>
            <PlusIcon size={14} /> {busy ? 'Creating…' : 'Create link'}
          </button>
        </div>
        <FieldError>{problem}</FieldError>
      </form>
      {created && (
        <div className="created-invite" role="status">
          <p className="hint">
            New {created.label.toLowerCase()} link. Send it only to the people it is for.
          </p>
          <div className="invite-link-row">
            <input
              className="input mono"
              readOnly
              value={created.url}
              aria-label={`New ${created.label} invite link`}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={created.url} label={`Copy new ${created.label.toLowerCase()} link`} />
          </div>
        </div>
      )}
    </section>
  )
}

function InviteList({
  boardId,
  token,
  invites,
  onChanged,
}: {
  boardId: string
  token: string
  invites: readonly BoardInvite[] | null
  onChanged(): Promise<void>
}) {
  const [confirming, setConfirming] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const active = invites?.filter((i) => i.revokedAt === null) ?? []
  const revoked = invites?.filter((i) => i.revokedAt !== null) ?? []

  async function revoke(invite: BoardInvite): Promise<void> {
    const res = await revokeInvite(boardId, token, invite.id)
    setConfirming(null)
    if (!res.ok) setProblem(problemOf(res.error))
    else setProblem(null)
    await onChanged()
  }

  return (
    <section className="panel" aria-labelledby="invites-h">
      <h3 id="invites-h" className="panel-title">
        Invite links <span className="hint">{invites ? `${active.length} active` : ''}</span>
      </h3>
      <FieldError>{problem}</FieldError>
      {invites === null ? (
        <p className="hint" role="status">
          Loading…
        </p>
      ) : (
        <ul className="invite-rows" aria-label="Invite links">
          {[...active, ...revoked].map((invite) => {
            const label = roleName(invite.role, invite.function)
            const name = `${label}${invite.name ? ` for ${invite.name}` : ''}`
            return (
              <li key={invite.id} className={`invite-row${invite.revokedAt ? ' is-revoked' : ''}`}>
                <div className="invite-row-main">
                  <span className={`role-badge role-${invite.role}`}>{label}</span>
                  {invite.name && <span className="invite-for">for {invite.name}</span>}
                  <span className="muted">
                    {invite.joined === 1 ? '1 person joined' : `${invite.joined} people joined`}
                    {invite.revokedAt
                      ? ` · revoked ${timeAgo(invite.revokedAt)}`
                      : ` · made ${timeAgo(invite.createdAt)}`}
                  </span>
                </div>
                {invite.revokedAt === null && (
                  <div className="invite-row-actions">
                    {invite.url && <CopyButton text={invite.url} label={`Copy ${name} link`} />}
                    {confirming === invite.id ? (
                      <span className="confirm" role="group" aria-label={`Revoke the ${name} link?`}>
                        <span className="confirm-text">
                          Revoke? It stops working; people who joined stay.
                        </span>
                        <button
                          type="button"
                          className="button danger small"
                          onClick={() => void revoke(invite)}
                        >
                          Revoke link
                        </button>
                        <button
                          type="button"
                          className="button ghost small"
                          onClick={() => setConfirming(null)}
                        >
                          Keep
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button ghost small"
                        aria-label={`Revoke ${name} link`}
                        onClick={() => setConfirming(invite.id)}
                      >
                        Revoke
                      </button>
                    )}
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

function MemberList({
  boardId,
  token,
  members,
  myId,
  functions,
  onChanged,
}: {
  boardId: string
  token: string
  members: readonly BoardMember[] | null
  myId: string | null
  functions: readonly string[]
  onChanged(): Promise<void>
}) {
  const active = members?.filter((m) => m.revokedAt === null) ?? []
  const removed = members?.filter((m) => m.revokedAt !== null) ?? []
  return (
    <section className="panel" aria-labelledby="members-h">
      <h3 id="members-h" className="panel-title">
        People who joined <span className="hint">{members ? `${active.length}` : ''}</span>
      </h3>
      {members === null ? (
        <p className="hint" role="status">
          Loading…
        </p>
      ) : active.length === 0 ? (
        <p className="hint">Nobody has joined yet. Send an invite link.</p>
      ) : (
        <ul className="member-rows" aria-label="Members">
          {active.map((m) => (
            <MemberRow
              key={m.id}
              boardId={boardId}
              token={token}
              member={m}
              isMe={m.id === myId}
              functions={functions}
              onChanged={onChanged}
            />
          ))}
        </ul>
      )}
      {removed.length > 0 && (
        <details className="removed-members">
          <summary>Removed ({removed.length})</summary>
          <ul className="member-rows">
            {removed.map((m) => (
              <li key={m.id} className="member-row is-revoked">
                <span className="member-name">{m.name}</span>
                <span className="muted">
                  {roleName(m.role, m.function)} · removed {m.revokedAt ? timeAgo(m.revokedAt) : ''}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}

function MemberRow({
  boardId,
  token,
  member,
  isMe,
  functions,
  onChanged,
}: {
  boardId: string
  token: string
  member: BoardMember
  isMe: boolean
  functions: readonly string[]
  onChanged(): Promise<void>
}) {
  const id = useId()
  const [role, setRole] = useState<Role>(member.role)
  const [fn, setFn] = useState(member.function ?? functions[0] ?? '')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const changed = role !== member.role || (role === 'leader' && fn !== (member.function ?? ''))

  useEffect(() => {
    setRole(member.role)
    setFn(member.function ?? functions[0] ?? '')
  }, [member.role, member.function, functions])

  async function apply(): Promise<void> {
    setBusy(true)
    const res = await changeMemberRole(
      boardId,
      token,
      member.id,
      role === 'leader' ? { role, function: fn } : { role },
    )
    setBusy(false)
    setProblem(res.ok ? null : problemOf(res.error))
    await onChanged()
  }

  async function remove(): Promise<void> {
    setBusy(true)
    const res = await revokeMember(boardId, token, member.id)
    setBusy(false)
    setConfirming(false)
    setProblem(res.ok ? null : problemOf(res.error))
    await onChanged()
  }

  return (
    <li className="member-row">
      <div className="member-who">
        <span className="member-name">
          {member.name}
          {isMe && <span className="you"> (you)</span>}
        </span>
        <span className="muted" title={fullTime(member.joinedAt)}>
          joined {timeAgo(member.joinedAt)}
        </span>
      </div>
      <div className="member-controls">
        <label className="sr-only" htmlFor={`${id}-role`}>
          Role of {member.name}
        </label>
        <select
          id={`${id}-role`}
          className="input"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          {(['owner', 'leader', 'member', 'viewer'] as const).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        {role === 'leader' && (
          <>
            <label className="sr-only" htmlFor={`${id}-fn`}>
              Function {member.name} signs off for
            </label>
            <select id={`${id}-fn`} className="input" value={fn} onChange={(e) => setFn(e.target.value)}>
              {functions.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </>
        )}
        {changed && (
          <button type="button" className="button primary small" disabled={busy} onClick={() => void apply()}>
            Change role<span className="sr-only"> of {member.name}</span>
          </button>
        )}
        {!isMe &&
          (confirming ? (
            <span className="confirm" role="group" aria-label={`Remove ${member.name}?`}>
              <span className="confirm-text">Remove {member.name}? Their open screens close.</span>
              <button
                type="button"
                className="button danger small"
                disabled={busy}
                onClick={() => void remove()}
              >
                Remove
              </button>
              <button type="button" className="button ghost small" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button ghost small"
              aria-label={`Remove ${member.name}`}
              onClick={() => setConfirming(true)}
            >
              Remove
            </button>
          ))}
      </div>
      <FieldError>{problem}</FieldError>
    </li>
  )
}
