// Opening a board: take the token from an invite link's fragment (then drop it from the address bar),
// or from the boards this browser joined; ask the server what it grants. An invite link's token asks
// the person to join (name), which swaps it for their personal token; a personal token opens a live
// session. A link opened for a board this browser already joined as a person does not replace that
// membership unless the person chooses to join again with it.

import { useEffect, useState } from 'react'
import { type ApiError, type BoardAccess, getBoardAccess, type JoinedMember } from '../api/boardsApi'
import { Link } from '../app/Link'
import { tokenFromHash } from '../app/route'
import { JoinPrompt } from '../members/JoinPrompt'
import { MembershipChoice } from '../members/MembershipChoice'
import { type BoardSession, createBoardSession } from '../state/boardSession'
import { findJoinedBoard, forgetBoard, type JoinedBoard, storeBoard } from '../state/joinedBoards'
import { writerIdentity } from '../state/writerIdentity'
import { type BoardConnection, type ConnectionFailure, connectBoard } from '../sync/connectBoard'
import { MessageScreen } from '../ui/MessageScreen'
import { AccessProblem } from './AccessProblem'
import { BoardView } from './BoardView'
import type { BoardAccessInfo } from './boardAccess'
import { discardPreloaded, preloadConnection, takePreloaded } from './preloadedConnection'

type Opening =
  | { kind: 'checking' }
  | { kind: 'noInvite' }
  | { kind: 'denied'; error: ApiError }
  | { kind: 'join'; token: string; invite: BoardAccess }
  | { kind: 'choose'; current: JoinedBoard; linkToken: string; link: BoardAccess }
  | { kind: 'open'; access: BoardAccessInfo }

export function failureOf(error: ApiError): ConnectionFailure | null {
  if (error.status === 401)
    return { kind: 'unauthorized', code: 401, message: 'This invite link is not valid (any more).' }
  if (error.status === 403 && /your access .* revoked/i.test(error.message))
    return { kind: 'revoked', code: 403, message: 'Your access to this board was removed by its owner.' }
  if (error.status === 403 && /invite .* revoked/i.test(error.message))
    return { kind: 'unauthorized', code: 403, message: 'This invite link was revoked by the board’s owner.' }
  if (error.status === 403)
    return { kind: 'forbidden', code: 403, message: 'Your invite does not give access to this board.' }
  if (error.status === 404)
    return { kind: 'notFound', code: 404, message: 'This board does not exist on this server.' }
  return null
}

/** The board's connection; a failed connect asks the REST API why (see connectBoard). */
function openConnection(boardId: string, token: string): BoardConnection {
  const checkAccess = async () => {
    const res = await getBoardAccess(boardId, token)
    return res.ok ? null : failureOf(res.error)
  }
  return connectBoard({ boardId, token, checkAccess })
}

function accessInfo(token: string, access: BoardAccess): BoardAccessInfo {
  const info: BoardAccessInfo = { token, role: access.role }
  if (access.function) info.function = access.function
  if (access.name) info.name = access.name
  if (access.memberId) info.memberId = access.memberId
  return info
}

function remember(boardId: string, token: string, access: BoardAccess): void {
  const entry: JoinedBoard = {
    id: boardId,
    token,
    role: access.role,
    title: access.title,
    lastOpened: new Date().toISOString(),
  }
  if (access.function) entry.function = access.function
  if (access.memberId) entry.memberId = access.memberId
  if (access.name) entry.name = access.name
  storeBoard(entry)
}

export function BoardScreen({ boardId }: { boardId: string }) {
  const [opening, setOpening] = useState<Opening>({ kind: 'checking' })
  // Bumped when an invite link is opened on top of this page (only the fragment changes then), or
  // when the person picks which access to use.
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    const onHashChange = () => {
      if (tokenFromHash(location.hash)) setAttempt((n) => n + 1)
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])

  useEffect(() => {
    void attempt // re-run when another invite link is opened on this page
    let cancelled = false
    const fromLink = tokenFromHash(location.hash)
    if (fromLink) history.replaceState(history.state, '', `${location.pathname}${location.search}`)
    const before = findJoinedBoard(boardId)

    async function open(): Promise<void> {
      if (fromLink && before?.memberId && before.token !== fromLink) {
        // Already a person here: keep that unless they choose the link.
        const link = await getBoardAccess(boardId, fromLink)
        if (cancelled) return
        if (link.ok && link.value.memberId !== before.memberId) {
          setOpening({ kind: 'choose', current: before, linkToken: fromLink, link: link.value })
          return
        }
      } else if (fromLink && before?.token !== fromLink) {
        // A different link may carry a different role: assume the least until the server says.
        storeBoard({ id: boardId, token: fromLink, role: 'viewer', title: before?.title ?? 'Untitled board' })
      }
      const joined = findJoinedBoard(boardId)
      if (!joined) {
        setOpening({ kind: 'noInvite' })
        return
      }
      setOpening({ kind: 'checking' })
      // A person's own token (not an invite to join with) most likely opens the board: load it meanwhile.
      if (joined.memberId)
        preloadConnection(boardId, joined.token, () => openConnection(boardId, joined.token))
      const res = await getBoardAccess(boardId, joined.token)
      if (cancelled) return
      if (!res.ok && failureOf(res.error)) discardPreloaded()
      if (res.ok) {
        remember(boardId, joined.token, res.value)
        if (res.value.memberId) setOpening({ kind: 'open', access: accessInfo(joined.token, res.value) })
        else {
          discardPreloaded()
          setOpening({ kind: 'join', token: joined.token, invite: res.value })
        }
      } else if (failureOf(res.error)) {
        // A link that does not work is not worth keeping; whatever this browser had before stays.
        if (fromLink && joined.token === fromLink && before?.token !== fromLink) {
          if (before) storeBoard(before)
          else forgetBoard(boardId)
        }
        setOpening({ kind: 'denied', error: res.error })
      } else if (!joined.memberId) {
        // Joining needs the server; without it there is nothing to open yet.
        setOpening({ kind: 'denied', error: res.error })
      } else {
        // Offline or the server is struggling: open from what this browser knows; sync catches up later.
        const access: BoardAccessInfo = { token: joined.token, role: joined.role, memberId: joined.memberId }
        if (joined.function) access.function = joined.function
        if (joined.name) access.name = joined.name
        setOpening({ kind: 'open', access })
      }
    }
    void open()
    return () => {
      cancelled = true
      discardPreloaded()
    }
  }, [boardId, attempt])

  switch (opening.kind) {
    case 'checking':
      return <MessageScreen tone="loading" title="Loading board…" />
    case 'noInvite':
      return (
        <MessageScreen
          title="You need an invite link"
          actions={
            <Link to="/" className="button primary">
              Go to your boards
            </Link>
          }
        >
          <p>
            Boards are shared through invite links. Ask the board's owner for one, then open it in this
            browser.
          </p>
        </MessageScreen>
      )
    case 'denied': {
      const failure = failureOf(opening.error) ?? {
        kind: 'rejected' as const,
        message: opening.error.message,
      }
      return <AccessProblem boardId={boardId} failure={failure} onRetry={() => setAttempt((n) => n + 1)} />
    }
    case 'choose':
      return (
        <MembershipChoice
          current={opening.current}
          link={opening.link}
          onKeep={() => setAttempt((n) => n + 1)}
          onJoinWithLink={() => {
            storeBoard({
              id: boardId,
              token: opening.linkToken,
              role: opening.link.role,
              title: opening.link.title,
            })
            setAttempt((n) => n + 1)
          }}
        />
      )
    case 'join':
      return (
        <JoinPrompt
          boardId={boardId}
          inviteToken={opening.token}
          invite={opening.invite}
          onJoined={(member: JoinedMember) => {
            const access: BoardAccess = {
              id: boardId,
              title: opening.invite.title,
              role: member.role,
              name: member.name,
              memberId: member.memberId,
            }
            if (member.function) access.function = member.function
            remember(boardId, member.token, access)
            setOpening({ kind: 'open', access: accessInfo(member.token, access) })
          }}
        />
      )
    case 'open':
      return <OpenBoard boardId={boardId} access={opening.access} />
  }
}

function OpenBoard({ boardId, access }: { boardId: string; access: BoardAccessInfo }) {
  const [session, setSession] = useState<BoardSession | null>(null)
  // A write the server refused poisons the local copy: a fresh one is made, and the person is told.
  const [refused, setRefused] = useState<string | null>(null)
  const [generation, setGeneration] = useState(0)
  const { token, role, memberId } = access
  const fn = access.function ?? null
  const name = access.name ?? null

  useEffect(() => {
    void generation // a new generation is a fresh copy of the board
    const connection = takePreloaded(boardId, token) ?? openConnection(boardId, token)
    const next = createBoardSession(connection, {
      role,
      fn,
      memberId: memberId ?? null,
      writer: writerIdentity(memberId, token),
      name,
    })
    const stop = connection.subscribe(() => {
      const reason = connection.getState().refusedWrite
      if (reason === null) return
      setRefused(reason)
      setGeneration((g) => g + 1)
    })
    setSession(next)
    return () => {
      stop()
      next.destroy()
    }
  }, [boardId, token, role, fn, memberId, name, generation])

  if (!session) return <MessageScreen tone="loading" title="Loading board…" />
  return (
    <BoardView
      key={session.connection.doc.guid}
      boardId={boardId}
      session={session}
      access={access}
      refusedWrite={refused}
      onDismissRefused={() => setRefused(null)}
    />
  )
}
