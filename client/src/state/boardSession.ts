// One open board as a plain store, without React: snapshots of the board read from the Y.Doc (read
// again only where a transaction changed it, with structural sharing), the connection state and the
// undo state, plus the edits a user can make.
// Edits go through shared ops with LOCAL_ORIGIN; a Y.UndoManager over the board's records (cards,
// people, KPIs, meta) undoes own edits only. The role is live: it starts as the server said when the
// board opened and follows the member record the server keeps in the document. Before each edit the
// session asks shared's checkClientWrite whether the server would accept it, and does not attempt one
// it would refuse (the server closes the socket on such a write, and it cannot be taken back).
// Comments are written under this browser's identity (as the server names it) and stay out of undo.
// Text typed in a rich-text field is written by the editor binding under its own origin, which the
// editor registers here (trackEditorTyping): it goes into the same undo manager, so Undo steps back
// through moves, field edits and typing alike. (The binding is loaded with the card panel, so the
// session itself does not import it.)

import {
  addCard,
  addCheckIn,
  addComment,
  addFunction,
  addKpi,
  addPerson,
  type Board,
  boardFunctions,
  type CardKind,
  type CardUpdate,
  checkClientWrite,
  commentAuthorIn,
  compareFunctions,
  createBoardReader,
  deleteCard,
  deleteComment,
  deleteKpi,
  editCard,
  editComment,
  editKpi,
  editPerson,
  type KpiInput,
  type Member,
  moveCard,
  newId,
  type PersonInput,
  type PlanTextField,
  type Result,
  type Role,
  removeCheckIn,
  removePerson,
  roots,
  SCHEMA_VERSION,
  setNorthStar,
  type Touch,
  updateCard,
  type WriteContext,
} from '@tideboard/shared'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { BoardConnection, ConnectionState } from '../sync/connectBoard'
import { LOCAL_ORIGIN } from './localOrigin'
import { replaceEqualDeep } from './replaceEqualDeep'
import { shareBoard } from './shareBoard'
import { type UndoStep, undoRestoresServerStatus } from './undoRestores'

export interface BoardSnapshot {
  board: Board
  /** Functions on this board in board order: the five defaults, team-defined ones, people's own. */
  functions: string[]
  connection: ConnectionState
  /** There is something worth showing: the server's copy, or a copy kept in this browser. */
  ready: boolean
  /** This user's role now: live from their member record, else what the server said on opening. */
  role: Role
  /** The function a leader signs off for. */
  fn: string | null
  /** This user's member record, once they joined (null for an invite link's token). */
  me: Member | null
  /** Who this browser writes as (the author of its comments): member id, else invite id. */
  writer: string | null
  /** This user may comment: they may edit and the server knows who they are. */
  canComment: boolean
  /** This user may edit (by role, and the board is not from a newer schema than this client knows). */
  canEdit: boolean
  /** The board was written by a newer Tideboard; shown read-only so nothing is damaged. */
  tooNew: boolean
  canUndo: boolean
  canRedo: boolean
  /** The newest own undo step; identity changes whenever a new own edit is recorded or undone. */
  lastUndoStep: object | null
  /** The last edit this client did not attempt because the server would refuse it, and why. */
  heldBack: { message: string } | null
}

/** A card's rich-text field as the editor binds to it: its fragment, and the awareness carets go on. */
export interface RichTextBinding {
  fragment: Y.XmlFragment
  awareness: Awareness
}

/** The rich-text fields of a card: its description and a hypothesis's plan text. */
export type RichTextFieldName = 'description' | PlanTextField

export interface BoardActions {
  addCard(stageId: string, kind: CardKind, title: string): Result<string>
  renameCard(cardId: string, title: string): Result<undefined>
  moveCard(cardId: string, toStageId: string, index: number): Result<undefined>
  /** Deletes a card; the value is its undo step, for `undoStep`. */
  deleteCard(cardId: string): Result<object | null>
  /**
   * Edits any card fields. `typing` merges quick successive edits (keystrokes in a description) into
   * one undo step instead of one per key.
   */
  updateCard(cardId: string, update: CardUpdate, options?: { typing?: boolean }): Result<undefined>
  /** Moves a card to the end of a stage. */
  moveCardToStage(cardId: string, stageId: string): Result<undefined>
  /** Adds a hypothesis under an initiative, in the initiative's stage, as one undo step. */
  addHypothesisTo(initiativeId: string, title: string): Result<string>
  addPerson(input: PersonInput): Result<string>
  editPerson(personId: string, input: Partial<PersonInput>): Result<undefined>
  removePerson(personId: string): Result<undefined>
  addFunction(name: string): Result<undefined>
  addKpi(input: KpiInput & { name: string }): Result<string>
  editKpi(kpiId: string, input: KpiInput): Result<undefined>
  deleteKpi(kpiId: string): Result<undefined>
  addCheckIn(kpiId: string, date: string, value: number): Result<undefined>
  removeCheckIn(kpiId: string, date: string): Result<undefined>
  setNorthStar(kpiId: string | null): Result<undefined>
  /** Comments in this user's own name; `mentions` are member ids. */
  addComment(cardId: string, text: string, mentions: string[]): Result<string>
  editComment(commentId: string, text: string, mentions: string[]): Result<undefined>
  deleteComment(commentId: string): Result<undefined>
  undo(): void
  redo(): void
  /** The stored rich-text field of a card for an editor to bind to; null when the card has none. */
  richText(cardId: string, field: RichTextFieldName): RichTextBinding | null
  /**
   * Puts what an editor binding writes (transactions with `origin`) on this user's undo stack; undo
   * then removes no block or run of text that `keep` says to keep (someone else may be typing in it).
   */
  trackEditorTyping(origin: object, keep: (item: Y.Item) => boolean): void
  /** Forgets the held-back edit notice. */
  dismissHeldBack(): void
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

export interface SessionIdentity {
  /** The role the server gave when the board was opened. */
  role: Role
  fn?: string | null
  /** This user's member id (personal tokens); their role then follows the member record. */
  memberId?: string | null
  /** Who the server takes this connection to be: the member id, else the invite id of the token. */
  writer?: string | null
  /** The name comments are signed with until the member record says otherwise. */
  name?: string | null
}

const RICH_TEXT_TYPING = '\u0000rich text'

/** What an edit writes, in the guard's terms: one touch per record field. */
const touch = (
  root: string,
  key: string | null,
  field: string | null = null,
  values: unknown[] = [],
): Touch => ({
  root,
  key,
  field,
  values,
  deletes: false,
})

function cardTouches(cardId: string, update: CardUpdate): Touch[] {
  return Object.entries(update).map(([field, value]) =>
    touch('cards', cardId, field, field === 'status' ? [value] : []),
  )
}

export function createBoardSession(connection: BoardConnection, identity: SessionIdentity): BoardSession {
  const { doc } = connection
  const r = roots(doc)
  // Remote updates carry the provider's (or no) origin and never enter the stack.
  const undoManager = new Y.UndoManager([r.cards, r.people, r.kpis, r.meta], {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
  })
  let editorOrigin: object | null = null
  const listeners = new Set<() => void>()

  let heldBack: BoardSnapshot['heldBack'] = null
  let boardStale = false
  let stale = true
  let everReady = false
  // Reads only the cards each transaction touched: a drop on a 2,000-card board reads one card.
  const reader = createBoardReader(doc)
  let read = reader.read()
  let snapshot: BoardSnapshot = makeSnapshot(read, readFunctions())

  function readFunctions(): string[] {
    return boardFunctions(doc).sort(compareFunctions)
  }

  function makeSnapshot(board: Board, functions: string[]): BoardSnapshot {
    const conn = connection.getState()
    everReady ||= conn.serverSynced || (conn.localLoaded && roots(doc).stages.size > 0)
    const tooNew = board.meta.schemaVersion > SCHEMA_VERSION
    const me = identity.memberId ? (board.members.find((m) => m.id === identity.memberId) ?? null) : null
    const role: Role = me ? me.role : identity.role
    const fn = me ? me.function : (identity.fn ?? null)
    const canEdit = role !== 'viewer' && me?.revokedAt == null && !tooNew
    const writer = identity.writer ?? identity.memberId ?? null
    return {
      board,
      functions,
      connection: conn,
      ready: everReady,
      role,
      fn: role === 'leader' ? fn : null,
      me,
      writer,
      canComment: canEdit && writer !== null,
      canEdit,
      tooNew,
      canUndo: undoManager.canUndo(),
      canRedo: undoManager.canRedo(),
      lastUndoStep: undoManager.undoStack.at(-1) ?? null,
      heldBack,
    }
  }

  function holdBack(message: string): { ok: false; error: string } {
    heldBack = { message }
    changed()
    return { ok: false, error: message }
  }

  function changed(): void {
    stale = true
    for (const l of listeners) l()
  }

  // Not the 'update' event: while anyone listens to it, Yjs encodes every transaction as an update,
  // which for the first load of a board from IndexedDB is a few hundred milliseconds.
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.changed.size === 0) return
    boardStale = true
    changed()
  }
  doc.on('afterTransaction', onTransaction)
  const stopConnection = connection.subscribe(changed)
  undoManager.on('stack-item-added', changed)
  undoManager.on('stack-item-popped', changed)
  undoManager.on('stack-cleared', changed)

  // Read lazily: many updates in a row (a first sync, a remote burst) cost one read per render. The
  // reader keeps what did not change, so sharing structure with the last snapshot costs little.
  function getSnapshot(): BoardSnapshot {
    if (!stale) return snapshot
    stale = false
    let { board, functions } = snapshot
    if (boardStale) {
      const next = reader.read()
      board = shareBoard(board, read, next)
      // Functions come from people and the meta root (team-defined ones).
      if (next.people !== read.people || next.meta !== read.meta)
        functions = replaceEqualDeep(functions, readFunctions())
      read = next
    }
    boardStale = false
    const next = makeSnapshot(board, functions)
    const keys = Object.keys(next) as (keyof BoardSnapshot)[]
    if (keys.some((k) => next[k] !== snapshot[k])) snapshot = next
    return snapshot
  }

  const canEdit = () => getSnapshot().canEdit

  // Each edit is its own undo step, except typing: keystrokes close together merge into one.
  let typingIn: string | null = null
  // Typing in a rich-text editor starts a step of its own after any other edit.
  const onBeforeTransaction = (tr: Y.Transaction) => {
    if (editorOrigin === null || tr.origin !== editorOrigin || typingIn === RICH_TEXT_TYPING) return
    undoManager.stopCapturing()
    typingIn = RICH_TEXT_TYPING
  }
  doc.on('beforeTransaction', onBeforeTransaction)
  function edit<T>(
    touches: Touch[],
    run: () => Result<T>,
    typing: string | null = null,
    ctx?: WriteContext,
  ): Result<T> {
    if (!canEdit()) return readOnly()
    const allowed = checkClientWrite(touches, getSnapshot().role, ctx)
    if (!allowed.ok) return holdBack(allowed.error)
    if (typing === null || typing !== typingIn) undoManager.stopCapturing()
    typingIn = typing
    return run()
  }

  /** Undo and redo put back what a step removed: never a status only the server sets. */
  function safeToReplay(step: UndoStep | undefined): boolean {
    if (!step || !undoRestoresServerStatus(doc, step)) return true
    holdBack('undoing this would set a card back to approved or declined, which only leaders’ decisions do')
    return false
  }

  const card = (cardId: string, field: string | null = null) => [touch('cards', cardId, field)]

  // A stage's other cards as the board was just read (every edit reads it first): what moveCard
  // would otherwise find by walking every card in the document.
  const siblingsIn = (stageId: string, cardId: string) =>
    (getSnapshot().board.cardsByStage[stageId] ?? []).filter((c) => c.id !== cardId)

  /** A comment write, checked as the server checks it: under this browser's identity. */
  function commentEdit<T>(
    touches: (writer: string) => Touch[],
    run: (writer: string) => Result<T>,
  ): Result<T> {
    const { writer } = getSnapshot()
    if (writer === null) return { ok: false, error: 'Join the board with your name to comment.' }
    return edit(touches(writer), () => run(writer), null, {
      identity: writer,
      authorOf: commentAuthorIn(doc),
    })
  }
  const commentAuthor = (writer: string) => ({
    id: writer,
    name: getSnapshot().me?.name ?? identity.name ?? 'Someone',
  })

  const actions: BoardActions = {
    addCard: (stageId, kind, title) =>
      edit([touch('cards', null)], () => addCard(doc, { stageId, kind, title }, LOCAL_ORIGIN)),
    renameCard: (cardId, title) =>
      edit(card(cardId, 'title'), () => editCard(doc, cardId, { title }, null, LOCAL_ORIGIN)),
    moveCard: (cardId, toStageId, index) =>
      edit(card(cardId, 'position'), () =>
        moveCard(doc, { cardId, toStageId, index, siblings: siblingsIn(toStageId, cardId) }, LOCAL_ORIGIN),
      ),
    deleteCard: (cardId) =>
      edit(card(cardId), () => {
        const result = deleteCard(doc, cardId, LOCAL_ORIGIN)
        return result.ok ? { ok: true, value: undoManager.undoStack.at(-1) ?? null } : result
      }),
    updateCard: (cardId, update, options) =>
      edit(
        cardTouches(cardId, update),
        () => updateCard(doc, cardId, update, null, LOCAL_ORIGIN),
        options?.typing ? `${cardId}:${Object.keys(update).join()}` : null,
      ),
    moveCardToStage: (cardId, stageId) =>
      edit(card(cardId, 'position'), () => {
        const siblings = siblingsIn(stageId, cardId)
        return moveCard(doc, { cardId, toStageId: stageId, index: siblings.length, siblings }, LOCAL_ORIGIN)
      }),
    addHypothesisTo: (initiativeId, title) =>
      edit([touch('cards', null)], () => {
        const parent = getSnapshot().board.cards.find((c) => c.id === initiativeId)
        if (parent?.kind !== 'initiative') return { ok: false, error: 'the parent must be an initiative' }
        let result: Result<string> = { ok: false, error: 'not added' }
        // One transaction, so the new card and its parent link are one undo step and one update.
        doc.transact(() => {
          const added = addCard(doc, { stageId: parent.stageId, kind: 'hypothesis', title }, LOCAL_ORIGIN)
          if (!added.ok) {
            result = added
            return
          }
          const linked = updateCard(doc, added.value, { parentId: initiativeId }, null, LOCAL_ORIGIN)
          result = linked.ok ? added : linked
        }, LOCAL_ORIGIN)
        return result
      }),
    addPerson: (input) => edit([touch('people', null)], () => addPerson(doc, input, LOCAL_ORIGIN)),
    editPerson: (personId, input) =>
      edit([touch('people', personId)], () => editPerson(doc, personId, input, LOCAL_ORIGIN)),
    removePerson: (personId) =>
      edit([touch('people', personId)], () => removePerson(doc, personId, LOCAL_ORIGIN)),
    addFunction: (name) => edit([touch('meta', 'functions')], () => addFunction(doc, name, LOCAL_ORIGIN)),
    addKpi: (input) => edit([touch('kpis', null)], () => addKpi(doc, input, LOCAL_ORIGIN)),
    editKpi: (kpiId, input) => edit([touch('kpis', kpiId)], () => editKpi(doc, kpiId, input, LOCAL_ORIGIN)),
    deleteKpi: (kpiId) => edit([touch('kpis', kpiId)], () => deleteKpi(doc, kpiId, LOCAL_ORIGIN)),
    addCheckIn: (kpiId, date, value) =>
      edit([touch('kpis', kpiId)], () => addCheckIn(doc, kpiId, date, value, LOCAL_ORIGIN)),
    removeCheckIn: (kpiId, date) =>
      edit([touch('kpis', kpiId)], () => removeCheckIn(doc, kpiId, date, LOCAL_ORIGIN)),
    setNorthStar: (kpiId) =>
      edit([touch('meta', 'northStarKpiId')], () => setNorthStar(doc, kpiId, LOCAL_ORIGIN)),
    addComment: (cardId, text, mentions) => {
      const id = newId()
      return commentEdit(
        (writer) => [touch('comments', id), touch('comments', id, 'author', [writer])],
        (writer) =>
          addComment(
            doc,
            { cardId, text, mentions, author: commentAuthor(writer) },
            LOCAL_ORIGIN,
            new Date(),
            id,
          ),
      )
    },
    editComment: (commentId, text, mentions) =>
      commentEdit(
        () => [touch('comments', commentId, 'text')],
        (writer) => editComment(doc, commentId, { text, mentions, by: writer }, LOCAL_ORIGIN),
      ),
    deleteComment: (commentId) =>
      commentEdit(
        () => [{ ...touch('comments', commentId), deletes: true }],
        (writer) => deleteComment(doc, commentId, writer, LOCAL_ORIGIN),
      ),
    undo: () => {
      if (canEdit() && safeToReplay(undoManager.undoStack.at(-1))) undoManager.undo()
    },
    redo: () => {
      if (canEdit() && safeToReplay(undoManager.redoStack.at(-1))) undoManager.redo()
    },
    undoStep: (step) => {
      if (!canEdit() || undoManager.undoStack.at(-1) !== step) return false
      if (!safeToReplay(undoManager.undoStack.at(-1))) return false
      undoManager.undo()
      return true
    },
    richText: (cardId, field) => {
      const card = r.cards.get(cardId)
      if (!(card instanceof Y.Map)) return null
      const holder = field === 'description' ? card : card.get('hypothesis')
      const fragment = holder instanceof Y.Map ? holder.get(field) : null
      return fragment instanceof Y.XmlFragment ? { fragment, awareness: connection.awareness } : null
    },
    trackEditorTyping: (origin, keep) => {
      if (editorOrigin === origin) return
      editorOrigin = origin
      undoManager.addTrackedOrigin(origin)
      undoManager.deleteFilter = keep
    },
    dismissHeldBack: () => {
      if (heldBack === null) return
      heldBack = null
      changed()
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
      doc.off('afterTransaction', onTransaction)
      reader.destroy()
      doc.off('beforeTransaction', onBeforeTransaction)
      undoManager.destroy()
      connection.destroy()
    },
  }
}
