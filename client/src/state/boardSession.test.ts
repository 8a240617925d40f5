import { initBoard, readBoard } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardConnection, ConnectionState } from '../sync/connectBoard'
import { createBoardSession } from './boardSession'

function fakeConnection(doc: Y.Doc): BoardConnection {
  const state: ConnectionState = { status: 'connected', serverSynced: true, localLoaded: true, failure: null }
  return { doc, getState: () => state, subscribe: () => () => {}, retry() {}, destroy() {} }
}

function boardDoc(): Y.Doc {
  const doc = new Y.Doc()
  initBoard(doc, { title: 'Plan' })
  return doc
}

const titles = (doc: Y.Doc) => readBoard(doc).cards.map((c) => c.title)

describe('board session', () => {
  it('undoes own edits only, never a collaborator’s', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { roleCanEdit: true })
    session.actions.addCard('acquire', 'initiative', 'Mine')

    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    const remote = createBoardSession(fakeConnection(other), { roleCanEdit: true })
    remote.actions.addCard('acquire', 'initiative', 'Theirs')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), 'remote')

    expect(titles(doc).sort()).toEqual(['Mine', 'Theirs'])
    session.actions.undo()
    expect(titles(doc)).toEqual(['Theirs'])
    session.actions.redo()
    expect(titles(doc).sort()).toEqual(['Mine', 'Theirs'])
  })

  it('restores a deleted card through its undo step while it is the newest edit', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { roleCanEdit: true })
    const added = session.actions.addCard('retain', 'hypothesis', 'Renewal review')
    if (!added.ok) throw new Error(added.error)
    const deleted = session.actions.deleteCard(added.value)
    if (!deleted.ok || !deleted.value) throw new Error('delete failed')
    expect(titles(doc)).toEqual([])
    expect(session.getSnapshot().lastUndoStep).toBe(deleted.value)

    expect(session.actions.undoStep(deleted.value)).toBe(true)
    const card = readBoard(doc).cards[0]
    expect(card?.id).toBe(added.value)
    expect(card?.stageId).toBe('retain')
    expect(card?.kind).toBe('hypothesis')
  })

  it('does not undo a deletion once a later own edit came after it', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { roleCanEdit: true })
    const added = session.actions.addCard('acquire', 'initiative', 'Gone')
    if (!added.ok) throw new Error(added.error)
    const deleted = session.actions.deleteCard(added.value)
    if (!deleted.ok || !deleted.value) throw new Error('delete failed')
    session.actions.addCard('acquire', 'initiative', 'Later')
    expect(session.actions.undoStep(deleted.value)).toBe(false)
    expect(titles(doc)).toEqual(['Later'])
  })

  it('refuses every edit for a viewer', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { roleCanEdit: false })
    expect(session.getSnapshot().canEdit).toBe(false)
    expect(session.actions.addCard('acquire', 'initiative', 'Nope').ok).toBe(false)
    expect(titles(doc)).toEqual([])
  })

  it('keeps the snapshot identical until something changes', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { roleCanEdit: true })
    const first = session.getSnapshot()
    expect(session.getSnapshot()).toBe(first)
    session.actions.addCard('acquire', 'initiative', 'New')
    const second = session.getSnapshot()
    expect(second).not.toBe(first)
    expect(second.board.stages).toBe(first.board.stages)
    expect(second.canUndo).toBe(true)
  })
})
