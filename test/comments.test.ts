// Comments over the wire with stock y-websocket clients: everyone sees them live, and the server
// lets only a comment's author change or delete it, whatever a client sends.

import { addCard, addComment, editComment, readBoard } from '@tideboard/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { api } from './support/api.js'
import { createBoard, TestServer } from './support/server.js'
import { connect, eventually, synced } from './support/yclient.js'

interface Joined {
  token: string
  member: { id: string; name: string }
}

describe('comments on cards', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await new TestServer().start()
  })
  afterAll(async () => {
    await server.dispose()
  })

  it('shows comments live and refuses edits of someone else’s comment', async () => {
    const board = await createBoard(server, 'Comment board')
    const join = async (name: string) =>
      (
        await api<Joined>(server, `/api/boards/${board.id}/join`, {
          method: 'POST',
          token: board.invites.member,
          json: { name },
        })
      ).body
    const [maya, diego] = [await join('Maya'), await join('Diego')]
    const m = connect(server.ws, board.id, maya.token)
    const d = connect(server.ws, board.id, diego.token)
    await Promise.all([synced(m), synced(d)])
    const card = addCard(m.doc, { kind: 'initiative', title: 'Quiet period', stageId: 'engage' })
    const cardId = card.ok ? card.value : ''
    const said = addComment(m.doc, {
      cardId,
      text: '@Diego can Sales hold calls for 14 days?',
      mentions: [diego.member.id],
      author: { id: maya.member.id, name: 'Maya' },
    })
    const commentId = said.ok ? said.value : ''
    await eventually(() => readBoard(d.doc).comments.length === 1, 'Diego sees Maya’s comment')
    expect(readBoard(d.doc).comments[0]).toMatchObject({ authorName: 'Maya', mentions: [diego.member.id] })

    // Diego answers in his own name: fine. Then he rewrites Maya's comment: refused.
    addComment(d.doc, { cardId, text: 'Yes', author: { id: diego.member.id, name: 'Diego' } })
    await eventually(() => readBoard(m.doc).comments.length === 2, 'Maya sees Diego’s answer')
    ;(d.doc.getMap('comments').get(commentId) as Y.Map<unknown>).set('text', 'Marketing will skip the review')
    await eventually(() => d.closes.some((c) => c.code === 4403), 'Diego’s socket is closed')
    expect(d.closes[0]?.reason).toBe('only its author changes or deletes a comment')

    // Maya edits her own comment: fine, and a fresh client sees her text, not the forgery.
    expect(
      editComment(m.doc, commentId, { text: 'Can Sales hold calls for 14 days?', by: maya.member.id }).ok,
    ).toBe(true)
    const fresh = connect(server.ws, board.id, board.invites.viewer)
    await synced(fresh)
    await eventually(
      () => readBoard(fresh.doc).comments.some((c) => c.text === 'Can Sales hold calls for 14 days?'),
      'the author’s edit arrives',
    )
    expect(readBoard(fresh.doc).comments.map((c) => c.text)).toEqual([
      'Can Sales hold calls for 14 days?',
      'Yes',
    ])
    for (const c of [m, d, fresh]) c.destroy()
  })
})
