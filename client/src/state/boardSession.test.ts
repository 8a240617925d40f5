import { addComment, initBoard, readBoard, updateCard, writeMember } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fakeConnection } from '../sync/fakeConnection'
import { createBoardSession } from './boardSession'

function boardDoc(): Y.Doc {
  const doc = new Y.Doc()
  initBoard(doc, { title: 'Plan' })
  return doc
}

const titles = (doc: Y.Doc) => readBoard(doc).cards.map((c) => c.title)

describe('board session', () => {
  it('undoes own edits only, never a collaborator’s', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { role: 'member' })
    session.actions.addCard('acquire', 'initiative', 'Mine')

    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    const remote = createBoardSession(fakeConnection(other), { role: 'member' })
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
    const session = createBoardSession(fakeConnection(doc), { role: 'member' })
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
    const session = createBoardSession(fakeConnection(doc), { role: 'member' })
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
    const session = createBoardSession(fakeConnection(doc), { role: 'viewer' })
    expect(session.getSnapshot().canEdit).toBe(false)
    expect(session.actions.addCard('acquire', 'initiative', 'Nope').ok).toBe(false)
    expect(titles(doc)).toEqual([])
  })

  it('keeps the snapshot identical until something changes', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { role: 'member' })
    const first = session.getSnapshot()
    expect(session.getSnapshot()).toBe(first)
    session.actions.addCard('acquire', 'initiative', 'New')
    const second = session.getSnapshot()
    expect(second).not.toBe(first)
    expect(second.board.stages).toBe(first.board.stages)
    expect(second.canUndo).toBe(true)
  })

  it('follows a remote edit of one card with a new object for that card and its stage only', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { role: 'member' })
    for (let i = 0; i < 30; i++)
      session.actions.addCard(i % 2 ? 'acquire' : 'retain', 'initiative', `Card ${i}`)
    const before = session.getSnapshot().board
    const target = before.cardsByStage.retain?.[3]
    if (!target) throw new Error('no card')

    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    updateCard(other, target.id, { title: 'Renamed elsewhere' })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'remote')

    const after = session.getSnapshot().board
    expect(after.cardsByStage.retain?.[3]?.title).toBe('Renamed elsewhere')
    expect(after.cardsByStage.acquire).toBe(before.cardsByStage.acquire)
    for (const card of after.cards)
      if (card.id !== target.id) expect(card).toBe(before.cards.find((c) => c.id === card.id))
    expect(after.cards.map((c) => c.title)).toEqual(readBoard(doc).cards.map((c) => c.title))
  })

  it('leaves the document without update listeners, so Yjs does not encode each transaction for it', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { role: 'member' })
    const observers = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers
    expect(observers.get('update')?.size ?? 0).toBe(0)
    session.actions.addCard('acquire', 'initiative', 'Still seen')
    expect(session.getSnapshot().board.cards.map((c) => c.title)).toEqual(['Still seen'])
  })

  it('does not attempt a status change the server would refuse, and says why', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { role: 'member' })
    const added = session.actions.addCard('acquire', 'initiative', 'Bet')
    if (!added.ok) throw new Error(added.error)
    session.actions.updateCard(added.value, { status: 'proposed' })
    const before = Y.encodeStateVector(doc)
    const result = session.actions.updateCard(added.value, { status: 'approved' })
    expect(result.ok).toBe(false)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(session.getSnapshot().heldBack?.message).toMatch(/leaders’ decisions/)
  })

  it('does not undo an edit when that would put back a status only the server sets', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { role: 'member' })
    const added = session.actions.addCard('acquire', 'initiative', 'Bet')
    if (!added.ok) throw new Error(added.error)
    session.actions.updateCard(added.value, { status: 'proposed' })
    // The server approves the card (its own origin, not on this user's undo stack)…
    updateCard(doc, added.value, { status: 'approved' }, null, 'server')
    // …and this user starts running it.
    session.actions.updateCard(added.value, { status: 'running' })
    const before = Y.encodeStateVector(doc)
    session.actions.undo()
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(readBoard(doc).cards[0]?.status).toBe('running')
    expect(session.getSnapshot().heldBack).not.toBeNull()
  })

  it('follows the role the server writes into the member record, live', () => {
    const doc = boardDoc()
    const me = {
      id: 'm1',
      name: 'Ana',
      role: 'member' as const,
      function: null,
      joinedAt: null,
      revokedAt: null,
    }
    writeMember(doc, me, 'server')
    const session = createBoardSession(fakeConnection(doc), { role: 'member', memberId: 'm1' })
    expect(session.getSnapshot().canEdit).toBe(true)
    writeMember(doc, { ...me, role: 'leader', function: 'Sales' }, 'server')
    expect(session.getSnapshot()).toMatchObject({ role: 'leader', fn: 'Sales', canEdit: true })
    writeMember(doc, { ...me, role: 'viewer' }, 'server')
    expect(session.getSnapshot().canEdit).toBe(false)
    expect(session.actions.addCard('acquire', 'initiative', 'Nope').ok).toBe(false)
  })

  it('writes comments in this person’s own name and changes only their own', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), {
      role: 'member',
      memberId: 'diego',
      writer: 'diego',
      name: 'Diego',
    })
    const card = session.actions.addCard('acquire', 'initiative', 'Webinar')
    if (!card.ok) throw new Error(card.error)
    const mine = session.actions.addComment(card.value, '@Maya can you join?', ['maya'])
    if (!mine.ok) throw new Error(mine.error)
    expect(readBoard(doc).comments[0]).toMatchObject({
      author: 'diego',
      authorName: 'Diego',
      mentions: ['maya'],
    })
    expect(session.actions.editComment(mine.value, 'Maya, can you join?', []).ok).toBe(true)
    expect(readBoard(doc).comments[0]?.editedAt).not.toBeNull()

    const theirs = addComment(
      doc,
      { cardId: card.value, text: 'Sure', author: { id: 'maya', name: 'Maya' } },
      'remote',
    )
    if (!theirs.ok) throw new Error(theirs.error)
    expect(session.actions.editComment(theirs.value, 'Forged', []).ok).toBe(false)
    expect(session.actions.deleteComment(theirs.value).ok).toBe(false)
    expect(session.getSnapshot().heldBack?.message).toMatch(/only its author/)
    // Both were written within the same millisecond here, so their order is by id: compare as a set.
    expect(
      readBoard(doc)
        .comments.map((c) => c.text)
        .sort(),
    ).toEqual(['Maya, can you join?', 'Sure'])

    expect(session.actions.deleteComment(mine.value).ok).toBe(true)
    expect(readBoard(doc).comments.map((c) => c.text)).toEqual(['Sure'])
  })

  it('lets nobody comment without a known identity, and no viewer at all', () => {
    const doc = boardDoc()
    const owner = createBoardSession(fakeConnection(doc), { role: 'owner' })
    const card = owner.actions.addCard('acquire', 'initiative', 'Webinar')
    if (!card.ok) throw new Error(card.error)
    expect(owner.getSnapshot().canComment).toBe(false)
    expect(owner.actions.addComment(card.value, 'Hello', []).ok).toBe(false)
    const viewer = createBoardSession(fakeConnection(doc), { role: 'viewer', writer: 'v1' })
    expect(viewer.getSnapshot().canComment).toBe(false)
    expect(viewer.actions.addComment(card.value, 'Hello', []).ok).toBe(false)
    expect(readBoard(doc).comments).toEqual([])
  })
})
