// A member writing under another member's Yjs client id, against the real server: refused with 4403
// over a raw socket, while the owner's stock y-websocket client goes on editing, offline and across a
// restart (the owners are stored with the board, in a real SQLite file).

import { addCard, readBoard } from '@tideboard/shared'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { api } from './support/api.js'
import { freePort, metric } from './support/cluster.js'
import { forgedCard } from './support/forgedCard.js'
import { openRaw, updateFrame } from './support/rawSocket.js'
import { type CreatedBoard, createBoard, TestServer } from './support/server.js'
import { type Client, connect, eventually, OpenClients, synced } from './support/yclient.js'

interface Joined {
  token: string
  member: { id: string }
}

const titles = (client: Client) => readBoard(client.doc).cards.map((c) => c.title)

describe('writes under another member’s Yjs client id', () => {
  let server: TestServer
  let board: CreatedBoard
  const clients = new OpenClients()
  const open = (token: string) => clients.add(connect(server.ws, board.id, token))
  const join = async (name: string) => {
    const res = await api<Joined>(server, `/api/boards/${board.id}/join`, {
      method: 'POST',
      token: board.invites.member,
      json: { name },
    })
    expect(res.status).toBe(201)
    return res.body
  }

  beforeAll(async () => {
    // A fixed port, so the stock client reconnects to the restarted server by itself.
    server = await new TestServer({ env: { PORT: String(await freePort()) } }).start()
    board = await createBoard(server, 'Client ids')
  })
  afterEach(() => {
    clients.destroyAll()
  })
  afterAll(async () => {
    await server?.dispose()
  })

  it('are refused and change nothing; the owner’s later edits, offline ones and after a restart, arrive', async () => {
    const mo = await join('Mo')
    const kim = await join('Kim')
    const moClient = open(mo.token)
    const watcher = open(board.invites.owner)
    await Promise.all([synced(moClient), synced(watcher)])
    addCard(moClient.doc, { kind: 'initiative', title: 'Mo first', stageId: 'acquire' })
    await eventually(() => titles(watcher).includes('Mo first'), 'the watcher sees Mo’s card')

    // Kim sends a card under Mo's client id, at the clocks Mo would use next.
    const moId = moClient.doc.clientID
    const raw = await openRaw(server.ws, board.id, kim.token)
    raw.ws.send(updateFrame(forgedCard(watcher.doc, moId, 'Forged by Kim')))
    const closed = await raw.closed
    expect(closed.code).toBe(4403)
    expect(closed.reason).toMatch(/belongs to someone else/)
    expect(await metric(server, 'tideboard_updates_refused_total{reason="client-id"}')).toBe(1)

    // Mo's next card takes exactly those clocks: it arrives, the forgery never does.
    addCard(moClient.doc, { kind: 'initiative', title: 'Mo second', stageId: 'acquire' })
    await eventually(() => titles(watcher).includes('Mo second'), 'the watcher sees Mo’s next card')
    expect(titles(watcher)).not.toContain('Forged by Kim')

    // Mo goes offline and edits; the server restarts meanwhile.
    moClient.provider.disconnect()
    await server.stop()
    addCard(moClient.doc, { kind: 'initiative', title: 'Mo offline', stageId: 'acquire' })
    await server.start()

    // Before Mo is back, only storage knows who owns his client id: Kim is refused again.
    const fresh = open(board.invites.viewer)
    await synced(fresh)
    const again = await openRaw(server.ws, board.id, kim.token)
    again.ws.send(updateFrame(forgedCard(fresh.doc, moId, 'Forged after the restart')))
    expect((await again.closed).code).toBe(4403)

    // Mo's stock client reconnects and resends what the server lacks, under his id: it passes.
    moClient.provider.connect()
    await eventually(() => titles(fresh).includes('Mo offline'), 'Mo’s offline card reached the server')
    addCard(moClient.doc, { kind: 'initiative', title: 'Mo last', stageId: 'acquire' })
    await eventually(() => titles(fresh).includes('Mo last'), 'Mo’s edit after the forgeries arrives')
    expect(titles(fresh)).toEqual(expect.arrayContaining(['Mo first', 'Mo second']))
    expect(titles(fresh)).not.toContain('Forged by Kim')
    expect(titles(fresh)).not.toContain('Forged after the restart')
    expect(moClient.closes.filter((c) => c.code >= 4000)).toEqual([])
  })
})
