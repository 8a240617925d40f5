// One open board as a plain store, without React: snapshots of the board read from the Y.Doc (with
// structural sharing), the connection state and the undo state, plus the edits a user can make.
// Edits go through shared ops with LOCAL_ORIGIN; a Y.UndoManager over the cards undoes own edits only.

import {
  addCard,
  type Board,
  type CardKind,
  deleteCard,
  editCard,
  moveCard,
  type Result,
  readBoard,
  roots,
  SCHEMA_VERSION,
} from '@tideboard/shared'
import * as Y from 'yjs'
import type { BoardConnection, ConnectionState } from '../sync/connectBoard'
import { LOCAL_ORIGIN } from './localOrigin'
import { replaceEqualDeep } from './replaceEqualDeep'

export interface BoardSnapshot {
  board: Board
  connection: ConnectionState
  /** There is something worth showing: the server's copy, or a copy kept in this browser. */
  ready: boolean
  /** This user may edit (by role, and the board is not from a newer schema than this client knows). */
  canEdit: boolean
  /** The board was written by a newer Tideboard; shown read-only so nothing is damaged. */
  tooNew: boolean
  canUndo: boolean
  canRedo: boolean
  /** The newest own undo step; identity changes whenever a new own edit is recorded or undone. */
  lastUndoStep: object | null
}

export interface BoardActions {
  addCard(stageId: string, kind: CardKind, title: string): Result<string>
  renameCard(cardId: string, title: string): Result<undefined>
  moveCard(cardId: string, toStageId: string, index: number): Result<undefined>
  /** Deletes a card; the value is its undo step, for `undoStep`. */
  deleteCard(cardId: string): Result<object | null>
  undo(): void
  redo(): void
  /** Undoes `step` if it is still the newest own edit; false when later edits came after it. */
  undoStep(step: object): boolean
}

export interface BoardSession {
  readonly connection: BoardConnection
  readonly actions: BoardActions
  getSnapshot(): BoardSnapshot
  subscribe(listener: () => void): () => void
  destroy(): void
}

const readOnly = (): { ok: false; error: string } => ({
  ok: false,
  error: 'This board is read-only for you.',
})

export function createBoardSession(
  connection: BoardConnection,
  { roleCanEdit }: { roleCanEdit: boolean },
): BoardSession {
  const { doc } = connection
  const undoManager = new Y.UndoManager(roots(doc).cards, { trackedOrigins: new Set([LOCAL_ORIGIN]) })
  const listeners = new Set<() => void>()

  let boardStale = true
  let stale = true
  let everReady = false
  let snapshot: BoardSnapshot = makeSnapshot(readBoard(doc))

  function makeSnapshot(board: Board): BoardSnapshot {
    const conn = connection.getState()
    everReady ||= conn.serverSynced || (conn.localLoaded && roots(doc).stages.size > 0)
    const tooNew = board.meta.schemaVersion > SCHEMA_VERSION
    return {
      board,
      connection: conn,
      ready: everReady,
      canEdit: roleCanEdit && !tooNew,
      tooNew,
      canUndo: undoManager.canUndo(),
      canRedo: undoManager.canRedo(),
      lastUndoStep: undoManager.undoStack.at(-1) ?? null,
    }
  }

  function changed(): void {
    stale = true
    for (const l of listeners) l()
  }

  const onDocUpdate = () => {
    boardStale = true
    changed()
  }
  doc.on('update', onDocUpdate)
  const stopConnection = connection.subscribe(changed)
  undoManager.on('stack-item-added', changed)
  undoManager.on('stack-item-popped', changed)
  undoManager.on('stack-cleared', changed)

  // Read lazily: many updates in a row (a first sync, a remote burst) cost one readBoard per render.
  function getSnapshot(): BoardSnapshot {
    if (!stale) return snapshot
    stale = false
    const board = boardStale ? replaceEqualDeep(snapshot.board, readBoard(doc)) : snapshot.board
    boardStale = false
    const next = makeSnapshot(board)
    const keys = Object.keys(next) as (keyof BoardSnapshot)[]
    if (keys.some((k) => next[k] !== snapshot[k])) snapshot = next
    return snapshot
  }

  const canEdit = () => getSnapshot().canEdit

  // Each edit is its own undo step: no merging of quick successive edits into one.
  function edit<T>(run: () => Result<T>): Result<T> {
    if (!canEdit()) return readOnly()
    undoManager.stopCapturing()
    return run()
  }

  const actions: BoardActions = {
    addCard: (stageId, kind, title) => edit(() => addCard(doc, { stageId, kind, title }, LOCAL_ORIGIN)),
    renameCard: (cardId, title) => edit(() => editCard(doc, cardId, { title }, null, LOCAL_ORIGIN)),
    moveCard: (cardId, toStageId, index) =>
      edit(() => moveCard(doc, { cardId, toStageId, index }, LOCAL_ORIGIN)),
    deleteCard: (cardId) =>
      edit(() => {
        const result = deleteCard(doc, cardId, LOCAL_ORIGIN)
        return result.ok ? { ok: true, value: undoManager.undoStack.at(-1) ?? null } : result
      }),
    undo: () => {
      if (canEdit()) undoManager.undo()
    },
    redo: () => {
      if (canEdit()) undoManager.redo()
    },
    undoStep: (step) => {
      if (!canEdit() || undoManager.undoStack.at(-1) !== step) return false
      undoManager.undo()
      return true
    },
  }

  return {
    connection,
    actions,
    getSnapshot,
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    destroy() {
      listeners.clear()
      stopConnection()
      doc.off('update', onDocUpdate)
      undoManager.destroy()
      connection.destroy()
    },
  }
}
