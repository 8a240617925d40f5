import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from '../board.js'
import { touchesOfUpdate } from '../guard.js'
import { roots } from '../schema.js'
import { checkClientWrite } from '../writePolicy.js'
import { addCard } from './addCard.js'
import { addComment, commentAuthorIn, deleteComment, editComment } from './comments.js'
import { initBoard } from './initBoard.js'

const maya = { id: 'm-maya', name: 'Maya' }
const diego = { id: 'm-diego', name: 'Diego' }

function board() {
  const server = new Y.Doc()
  initBoard(server, { title: 'Plan' })
  const card = addCard(server, { kind: 'initiative', title: 'Quiet period', stageId: 'engage' })
  const cardId = card.ok ? card.value : ''
  const mine = addComment(server, { cardId, text: 'Support owns the trigger', author: maya })
  const commentId = mine.ok ? mine.value : ''
  let client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  /** Runs `edit` on the client and checks the update it makes as written by `who`. */
  const attempt = (who: string, edit: (doc: Y.Doc) => void) => {
    const sv = Y.encodeStateVector(client)
    edit(client)
    const update = Y.encodeStateAsUpdate(client, sv)
    const touches = touchesOfUpdate(server, update)
    if (!touches.ok) return touches
    const verdict = checkClientWrite(touches.value, 'member', {
      identity: who,
      authorOf: commentAuthorIn(server),
    })
    // The server applies what it allows; the client drops what was refused and resyncs.
    if (verdict.ok) Y.applyUpdate(server, update)
    else {
      client = new Y.Doc()
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    }
    return verdict
  }
  return { server, cardId, commentId, attempt }
}

describe('comments', () => {
  it('adds, edits and deletes a comment with mentions, read back in order', () => {
    const { server, cardId, commentId } = board()
    const second = addComment(server, {
      cardId,
      text: ' @Maya can Support own it? ',
      mentions: ['m-maya'],
      author: diego,
    })
    expect(second.ok).toBe(true)
    expect(readBoard(server).comments.map((c) => [c.authorName, c.text, c.mentions])).toEqual([
      ['Maya', 'Support owns the trigger', []],
      ['Diego', '@Maya can Support own it?', ['m-maya']],
    ])
    expect(editComment(server, commentId, { text: 'Support owns the 14-day trigger', by: maya.id }).ok).toBe(
      true,
    )
    expect(readBoard(server).comments[0]).toMatchObject({ text: 'Support owns the 14-day trigger' })
    expect(readBoard(server).comments[0]?.editedAt).not.toBeNull()
    expect(deleteComment(server, commentId, maya.id).ok).toBe(true)
    expect(readBoard(server).comments).toHaveLength(1)
  })

  it('refuses empty comments, unknown cards and edits by someone else', () => {
    const { server, cardId, commentId } = board()
    expect(addComment(server, { cardId, text: '   ', author: maya }).ok).toBe(false)
    expect(addComment(server, { cardId: 'nope', text: 'hi', author: maya }).ok).toBe(false)
    expect(editComment(server, commentId, { text: 'mine now', by: diego.id })).toEqual({
      ok: false,
      error: 'only its author edits a comment',
    })
    expect(deleteComment(server, commentId, diego.id).ok).toBe(false)
  })

  it('lets the author edit and delete their comment over the wire, and nobody else', () => {
    const { cardId, commentId, attempt } = board()
    expect(attempt(maya.id, (d) => editComment(d, commentId, { text: 'edited', by: maya.id })).ok).toBe(true)
    expect(
      attempt(diego.id, (d) => (roots(d).comments.get(commentId) as Y.Map<unknown>).set('text', 'forged')),
    ).toEqual({
      ok: false,
      error: 'only its author changes or deletes a comment',
    })
    expect(attempt(diego.id, (d) => roots(d).comments.delete(commentId)).ok).toBe(false)
    expect(attempt(diego.id, (d) => addComment(d, { cardId, text: 'mine', author: diego })).ok).toBe(true)
  })

  it('refuses a comment written in someone else’s name, or without an author', () => {
    const { cardId, attempt } = board()
    expect(attempt(diego.id, (d) => addComment(d, { cardId, text: 'as Maya', author: maya }))).toEqual({
      ok: false,
      error: 'a comment is written in its author’s own name',
    })
    const anonymous = (d: Y.Doc) => {
      const c = new Y.Map<unknown>()
      c.set('cardId', cardId)
      c.set('text', 'who wrote this?')
      roots(d).comments.set('c-anon', c)
    }
    expect(attempt(diego.id, anonymous).ok).toBe(false)
  })

  it('refuses comment writes when the writer is unknown', () => {
    const server = new Y.Doc()
    initBoard(server, { title: 'Plan' })
    const card = addCard(server, { kind: 'initiative', title: 'A', stageId: 'engage' })
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    const sv = Y.encodeStateVector(client)
    addComment(client, { cardId: card.ok ? card.value : '', text: 'hello', author: maya })
    const touches = touchesOfUpdate(server, Y.encodeStateAsUpdate(client, sv))
    expect(touches.ok && checkClientWrite(touches.value, 'member')).toEqual({
      ok: false,
      error: 'a comment needs a known author',
    })
  })
})
