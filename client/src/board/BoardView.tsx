// The board screen once a session is open: top bar, banners, the funnel and the undo toast.
// Reads everything through useBoard; edits go through the session's actions.

import { type CardKind, DEFAULT_FUNCTIONS, type Result } from '@tideboard/shared'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ShareDialog } from '../share/ShareDialog'
import type { BoardSession } from '../state/boardSession'
import { rememberBoard } from '../state/joinedBoards'
import { useBoard } from '../state/useBoard'
import { MessageScreen } from '../ui/MessageScreen'
import { AccessProblem } from './AccessProblem'
import type { BoardAccessInfo } from './boardAccess'
import { EditableFunnel } from './EditableFunnel'
import { focusTargetAfterRemoval } from './focusTargetAfterRemoval'
import { ReadOnlyFunnel } from './ReadOnlyFunnel'
import { TopBar } from './TopBar'
import { UndoToast } from './UndoToast'

const TOAST_MS = 10_000

/** Shared ops speak in developer terms; users get a sentence. */
function problemOf(result: Result<unknown>): string | null {
  if (result.ok) return null
  if (/must not be empty/.test(result.error)) return 'Give the card a title.'
  if (/at most/.test(result.error)) return 'That title is too long (200 characters at most).'
  return `That did not work: ${result.error}`
}

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  )
}

export function BoardView({
  boardId,
  session,
  access,
}: {
  boardId: string
  session: BoardSession
  access: BoardAccessInfo
}) {
  const board = useBoard(session, (s) => s.board)
  const connection = useBoard(session, (s) => s.connection)
  const ready = useBoard(session, (s) => s.ready)
  const canEdit = useBoard(session, (s) => s.canEdit)
  const tooNew = useBoard(session, (s) => s.tooNew)
  const canUndo = useBoard(session, (s) => s.canUndo)
  const canRedo = useBoard(session, (s) => s.canRedo)
  const lastUndoStep = useBoard(session, (s) => s.lastUndoStep)
  const { actions } = session
  const [toast, setToast] = useState<{ step: object; message: string } | null>(null)
  const [sharing, setSharing] = useState(false)

  const peopleById = useMemo(() => new Map(board.people.map((p) => [p.id, p])), [board.people])
  const kpisById = useMemo(() => new Map(board.kpis.map((k) => [k.id, k])), [board.kpis])
  const functions = useMemo(
    () => [...new Set([...DEFAULT_FUNCTIONS, ...board.people.map((p) => p.function)])],
    [board.people],
  )
  const title = board.meta.title

  useEffect(() => {
    if (!ready) return
    document.title = `${title} · Tideboard`
    rememberBoard({ id: boardId, token: access.token, title })
    return () => {
      document.title = 'Tideboard'
    }
  }, [ready, title, boardId, access.token])

  // The toast's Undo only makes sense while the deletion is still the newest own edit.
  const toastLive = toast !== null && toast.step === lastUndoStep
  useEffect(() => {
    if (!toastLive) return
    const timer = setTimeout(() => setToast(null), TOAST_MS)
    return () => clearTimeout(timer)
  }, [toastLive])

  useEffect(() => {
    if (!canEdit) return
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextField(e.target)) return
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) actions.undo()
      else if ((key === 'z' && e.shiftKey) || key === 'y') actions.redo()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [canEdit, actions])

  const onAdd = useCallback(
    (stageId: string, kind: CardKind, cardTitle: string) =>
      problemOf(actions.addCard(stageId, kind, cardTitle)),
    [actions],
  )
  const onRename = useCallback(
    (cardId: string, cardTitle: string) => problemOf(actions.renameCard(cardId, cardTitle)),
    [actions],
  )
  const onMove = useCallback(
    (cardId: string, toStageId: string, index: number) => {
      actions.moveCard(cardId, toStageId, index)
    },
    [actions],
  )
  const onDelete = useCallback(
    (cardId: string) => {
      const refocus = focusTargetAfterRemoval(cardId)
      const result = actions.deleteCard(cardId)
      if (!result.ok) return
      if (result.value) setToast({ step: result.value, message: 'Card deleted' })
      refocus()
    },
    [actions],
  )

  if (connection.failure) {
    return (
      <AccessProblem
        boardId={boardId}
        failure={connection.failure}
        onRetry={() => session.connection.retry()}
      />
    )
  }
  if (!ready) {
    return (
      <MessageScreen tone="loading" title="Loading board…">
        <p>
          {connection.status === 'offline'
            ? 'You are offline; waiting for the network.'
            : 'Syncing with the server.'}
        </p>
      </MessageScreen>
    )
  }

  return (
    <div className="board-screen">
      <TopBar
        title={title}
        access={access}
        status={connection.status}
        northStar={board.kpis.find((k) => k.id === board.meta.northStarKpiId) ?? null}
        canEdit={canEdit}
        canUndo={canUndo}
        canRedo={canRedo}
        onUndo={actions.undo}
        onRedo={actions.redo}
        onShare={access.role === 'owner' ? () => setSharing(true) : null}
        boardId={boardId}
      />
      {connection.status === 'offline' && (
        <p className="banner banner-offline">
          You are offline.{' '}
          {canEdit
            ? 'Keep working: changes are kept on this device and sync when you are back.'
            : 'The board shows the last state this device saw.'}
        </p>
      )}
      {tooNew && (
        <p className="banner banner-warning">
          This board was saved by a newer version of Tideboard. Reload the page to edit it; until then it is
          read-only.
        </p>
      )}
      <main className="board-main" aria-label="Funnel">
        {canEdit ? (
          <EditableFunnel
            board={board}
            peopleById={peopleById}
            kpisById={kpisById}
            onAdd={onAdd}
            onRename={onRename}
            onDelete={onDelete}
            onMove={onMove}
          />
        ) : (
          <ReadOnlyFunnel board={board} peopleById={peopleById} kpisById={kpisById} />
        )}
      </main>
      {toastLive && (
        <UndoToast
          message={toast.message}
          onUndo={() => {
            actions.undoStep(toast.step)
            setToast(null)
          }}
          onDismiss={() => setToast(null)}
        />
      )}
      {access.role === 'owner' && (
        <ShareDialog
          open={sharing}
          onClose={() => setSharing(false)}
          boardId={boardId}
          ownerToken={access.token}
          functions={functions}
        />
      )}
    </div>
  )
}
