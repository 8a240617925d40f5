// Rich text through the real server with stock y-websocket clients: a member's edits inside a card
// description (text, formatting, list blocks) are accepted, reach the others and are stored; a
// viewer's edit inside the same fragment is refused and stored nowhere.

import { addCard, readBoard } from '@tideboard/shared'
import { xmlElement, xmlList } from '@tideboard/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type CreatedBoard, createBoard, TestServer } from './support/server.js'
import { type Client, connect, eventually, OpenClients, synced } from './support/yclient.js'

const descriptionOf = (client: Client, id: string) =>
  readBoard(client.doc).cards.find((c) => c.id === id)?.description
const fragmentOf = (client: Client, id: string) =>
  (client.doc.getMap('cards').get(id) as Y.Map<unknown>).get('description') as Y.XmlFragment

/** Writes what the editor binding writes for "Launch **plan**" and a one-item bullet list. */
function typeRichText(fragment: Y.XmlFragment): void {
  fragment.doc!.transact(() => {
    const text = new Y.XmlText()
    fragment.insert(0, [xmlElement('paragraph', [text]), xmlList('bulletList', ['Invite Sales'])])
    text.insert(0, 'Launch ')
    text.insert(7, 'plan', { bold: {} })
  })
}

describe('rich text over the sync socket', () => {
  let server: TestServer
  let board: CreatedBoard
  const clients = new OpenClients()
  const open = (token: string) => clients.add(connect(server.ws, board.id, token))

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server)
  })
  afterAll(async () => {
    clients.destroyAll()
    await server.dispose()
  })

  it('accepts, relays and stores a member’s rich-text edit; refuses a viewer’s', async () => {
    const member = open(board.invites.member)
    const other = open(board.invites.owner)
    const viewer = open(board.invites.viewer)
    await Promise.all([synced(member), synced(other), synced(viewer)])
    const added = addCard(member.doc, { kind: 'initiative', title: 'Rich card', stageId: 'acquire' })
    if (!added.ok) throw new Error(added.error)
    const id = added.value
    await eventually(() => descriptionOf(viewer, id) === '', 'the viewer sees the new card')

    typeRichText(fragmentOf(member, id))
    await eventually(
      () => descriptionOf(other, id) === 'Launch plan\n- Invite Sales',
      'the owner sees the text',
    )
    expect(member.closes).toEqual([])
    await eventually(
      () => descriptionOf(viewer, id) === 'Launch plan\n- Invite Sales',
      'the viewer sees the text',
    )

    const viewerFragment = fragmentOf(viewer, id)
    ;((viewerFragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'FORGED ')
    await eventually(() => viewer.closes.some((c) => c.code === 4403), 'viewer socket closed with 4403')

    await server.restart()
    const fresh = open(board.invites.owner)
    await synced(fresh)
    expect(descriptionOf(fresh, id)).toBe('Launch plan\n- Invite Sales')
    const run = (fragmentOf(fresh, id).get(0) as Y.XmlElement).get(0) as Y.XmlText
    expect(run.toDelta()).toEqual([{ insert: 'Launch ' }, { insert: 'plan', attributes: { bold: {} } }])
  })
})
