import { isDeepStrictEqual } from 'node:util'
import {
  addCard,
  addComment,
  type Board,
  deleteCard,
  editCard,
  initBoard,
  moveCard,
  readBoard,
  roots,
  updateCard,
  writeMember,
} from '@tideboard/shared'
import { type Random, replicaOf, scribble, seededRandom } from '@tideboard/shared/testing'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fakeConnection } from '../sync/fakeConnection'
import { type BoardSession, createBoardSession } from './boardSession'

function boardDoc(): Y.Doc {
  const doc = new Y.Doc()
  initBoard(doc, { title: 'Plan' })
  return doc
}

const titles = (doc: Y.Doc) => readBoard(doc).cards.map((c) => c.title)

const STAGES = ['acquire', 'activate', 'engage', 'retain', 'expand', 'refer']

/** One random edit on a replica's document: through the shared ops, or junk written straight in. */
function editReplica(doc: Y.Doc, rnd: Random, step: number): void {
  const ids = [...readBoard(doc).cards.map((c) => c.id), 'nobody']
  switch (rnd.int(6)) {
    case 0:
      addCard(doc, {
        kind: rnd.pick(['initiative', 'hypothesis']),
        title: `r${step}`,
        stageId: rnd.pick(STAGES),
      })
      break
    case 1:
      moveCard(doc, { cardId: rnd.pick(ids), toStageId: rnd.pick(STAGES), index: rnd.int(8) })
      break
    case 2:
      editCard(doc, rnd.pick(ids), { title: `remote ${step}` })
      break
    case 3:
      deleteCard(doc, rnd.pick(ids))
      break
    default:
      scribble(doc, rnd)
  }
}

/** One random edit through the session's actions, as the person at this browser makes them. */
function editLocally(session: BoardSession, rnd: Random, step: number): void {
  const ids = [...session.getSnapshot().board.cards.map((c) => c.id), 'nobody']
  const { actions } = session
  switch (rnd.int(6)) {
    case 0:
      actions.addCard(rnd.pick(STAGES), rnd.pick(['initiative', 'hypothesis']), `l${step}`)
      break
    case 1:
    case 2: {
      // The session hands moveCard the stage's cards as it read them: the card must land where
      // moveCard reading them from the document puts it (on a copy taken just before).
      const [cardId, toStageId, index] = [rnd.pick(ids), rnd.pick(STAGES), rnd.int(8)]
      const doc = session.connection.doc
      const twin = new Y.Doc()
      Y.applyUpdate(twin, Y.encodeStateAsUpdate(doc))
      const moved = actions.moveCard(cardId, toStageId, index)
      if (moved.ok) moveCard(twin, { cardId, toStageId, index })
      const idsIn = (d: Y.Doc) => readBoard(d).cardsByStage[toStageId]?.map((c) => c.id)
      expect(idsIn(doc), `move of ${cardId} to ${toStageId} at ${index}`).toEqual(idsIn(twin))
      break
    }
    case 3:
      actions.renameCard(rnd.pick(ids), `local ${step}`)
      break
    case 4:
      actions.deleteCard(rnd.pick(ids))
      break
    default:
      actions.updateCard(rnd.pick(ids), { tags: [`t${rnd.int(3)}`] })
  }
}

/** Every card and stage list of `next` equal to the one of the same id (or stage) in `prev` is that one. */
function expectShared(prev: Board, next: Board): void {
  const before = new Map(prev.cards.map((c) => [c.id, c]))
  for (const card of next.cards) {
    const old = before.get(card.id)
    if (old && isDeepStrictEqual(old, card)) expect(card, `card ${card.id}`).toBe(old)
  }
  for (const [stageId, list] of Object.entries(next.cardsByStage)) {
    list.forEach((card, i) => {
      const old = before.get(card.id)
      if (old && isDeepStrictEqual(old, card)) expect(card, `card ${card.id} in ${stageId}[${i}]`).toBe(old)
    })
    const oldList = prev.cardsByStage[stageId]
    if (oldList && isDeepStrictEqual(oldList, list)) expect(list, `stage ${stageId}`).toBe(oldList)
  }
}

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

  it('shows what readBoard reads after random local, remote and junk edits, keeping every unchanged card', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const rnd = seededRandom(seed)
      const doc = boardDoc()
      const session = createBoardSession(fakeConnection(doc), { role: 'member' })
      for (let i = 0; i < 24; i++) session.actions.addCard(STAGES[i % 6] ?? 'acquire', 'initiative', `c${i}`)
      const remote = replicaOf(doc)
      let shown = session.getSnapshot().board
      for (let step = 0; step < 120; step++) {
        try {
          if (rnd.chance(0.35)) {
            // Edits another person made concurrently arrive as one update.
            const known = Y.encodeStateVector(remote)
            for (let n = rnd.int(3) + 1; n > 0; n--) editReplica(remote, rnd, step)
            Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, known), 'remote')
          } else if (rnd.chance(0.1)) {
            scribble(doc, rnd)
          } else {
            editLocally(session, rnd, step)
          }
          if (rnd.chance(0.3)) Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(remote)))
          // Read after every step: an edit reads the board itself (to check it may be made), so the
          // board shown before this step is the one to compare with.
          const board = session.getSnapshot().board
          expect(board).toEqual(readBoard(doc))
          expectShared(shown, board)
          shown = board
        } catch (error) {
          throw new Error(`seed ${seed}, step ${step}: ${String(error)}`, { cause: error })
        }
      }
      session.destroy()
    }
  }, 60_000)

  it('shows the cards of a stage whatever its id, even one named like an object property', () => {
    const doc = boardDoc()
    const session = createBoardSession(fakeConnection(doc), { role: 'member' })
    const stage = new Y.Map<unknown>([
      ['phase', 'grow'],
      ['name', 'Odd'],
      ['order', 'a9'],
    ])
    roots(doc).stages.set('__proto__', stage)
    session.actions.addCard('acquire', 'initiative', 'First')
    const added = session.actions.addCard('__proto__', 'initiative', 'Odd one')
    if (!added.ok) throw new Error(added.error)
    session.actions.moveCard(added.value, 'acquire', 0)
    session.actions.moveCard(added.value, '__proto__', 0)
    const { board } = session.getSnapshot()
    expect(board).toEqual(readBoard(doc))
    const odd = Object.entries(board.cardsByStage).find(([stageId]) => stageId === '__proto__')?.[1]
    expect(odd?.map((c) => c.title)).toEqual(['Odd one'])
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
