// Opening a board: take the token from an invite link's fragment (then drop it from the address bar),
// or from the boards this browser joined; ask the server what it grants; then open a live session.

import { useEffect, useState } from 'react'
import { type ApiError, getBoardAccess } from '../api/boardsApi'
import { Link } from '../app/Link'
import { tokenFromHash } from '../app/route'
import { type BoardSession, createBoardSession } from '../state/boardSession'
import { findJoinedBoard, forgetBoard, rememberBoard } from '../state/joinedBoards'
import { type ConnectionFailure, connectBoard } from '../sync/connectBoard'
import { MessageScreen } from '../ui/MessageScreen'
import { AccessProblem } from './AccessProblem'
import { BoardView } from './BoardView'
import type { BoardAccessInfo } from './boardAccess'

type Opening =
  | { kind: 'checking' }
  | { kind: 'noInvite' }
  | { kind: 'denied'; error: ApiError }
  | { kind: 'open'; access: BoardAccessInfo }

function failureOf(error: ApiError): ConnectionFailure | null {
  if (error.status === 401)
    return { kind: 'unauthorized', code: 401, message: 'This invite link is not valid (any more).' }
  if (error.status === 403)
    return { kind: 'forbidden', code: 403, message: 'Your invite does not give access to this board.' }
  if (error.status === 404)
    return { kind: 'notFound', code: 404, message: 'This board does not exist on this server.' }
  return null
}

export function BoardScreen({ boardId }: { boardId: string }) {
  const [opening, setOpening] = useState<Opening>({ kind: 'checking' })
  // Bumped when an invite link is opened on top of this page (only the fragment changes then).
  const [linkOpened, setLinkOpened] = useState(0)

  useEffect(() => {
    const onHashChange = () => {
      if (tokenFromHash(location.hash)) setLinkOpened((n) => n + 1)
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])

  useEffect(() => {
    void linkOpened // re-run when another invite link is opened on this page
    let cancelled = false
    const fromLink = tokenFromHash(location.hash)
    const before = findJoinedBoard(boardId)
    if (fromLink) {
      // A different link may carry a different role: assume the least until the server says.
      if (before?.token !== fromLink) rememberBoard({ id: boardId, token: fromLink, role: 'viewer' })
      history.replaceState(history.state, '', `${location.pathname}${location.search}`)
    }
    const joined = findJoinedBoard(boardId)
    if (!joined) {
      setOpening({ kind: 'noInvite' })
      return
    }
    setOpening({ kind: 'checking' })
    void getBoardAccess(boardId, joined.token).then((res) => {
      if (cancelled) return
      if (res.ok) {
        const { role, title } = res.value
        rememberBoard({
          id: boardId,
          token: joined.token,
          role,
          title,
          ...(res.value.function ? { function: res.value.function } : {}),
        })
        const access: BoardAccessInfo = { token: joined.token, role }
        if (res.value.function) access.function = res.value.function
        if (res.value.name) access.name = res.value.name
        setOpening({ kind: 'open', access })
      } else if (failureOf(res.error)) {
        // A link that does not work is not worth keeping; whatever this browser had before stays.
        if (fromLink && joined.token === fromLink && before?.token !== fromLink) {
          if (before) rememberBoard(before)
          else forgetBoard(boardId)
        }
        setOpening({ kind: 'denied', error: res.error })
      } else {
        // Offline or the server is struggling: open from what this browser knows; sync catches up later.
        const access: BoardAccessInfo = { token: joined.token, role: joined.role }
        if (joined.function) access.function = joined.function
        setOpening({ kind: 'open', access })
      }
    })
    return () => {
      cancelled = true
    }
  }, [boardId, linkOpened])

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
      return <AccessProblem boardId={boardId} failure={failure} />
    }
    case 'open':
      return <OpenBoard boardId={boardId} access={opening.access} />
  }
}

function OpenBoard({ boardId, access }: { boardId: string; access: BoardAccessInfo }) {
  const [session, setSession] = useState<BoardSession | null>(null)
  const { token, role } = access

  useEffect(() => {
    const checkAccess = async () => {
      const res = await getBoardAccess(boardId, token)
      return res.ok ? null : failureOf(res.error)
    }
    const next = createBoardSession(connectBoard({ boardId, token, checkAccess }), {
      roleCanEdit: role !== 'viewer',
    })
    setSession(next)
    return () => next.destroy()
  }, [boardId, token, role])

  if (!session) return <MessageScreen tone="loading" title="Loading board…" />
  return <BoardView key={session.connection.doc.guid} boardId={boardId} session={session} access={access} />
}
