// The sync server as outside tools meet it: a real server process on port 0 with real SQLite files,
// and stock y-websocket clients from Node.

import { addCard, moveCard, readBoard } from '@tideboard/shared'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { metric } from './support/cluster.js'
import { type CreatedBoard, createBoard, TestServer } from './support/server.js'
import { type Client, connect, eventually, OpenClients, synced } from './support/yclient.js'

const cardTitles = (client: Client) => readBoard(client.doc).cards.map((c) => c.title)

describe('sync server with stock y-websocket clients', () => {
  let server: TestServer
  let board: CreatedBoard
  const clients = new OpenClients()
  const open = (token: string, boardId = board.id) => clients.add(connect(server.ws, boardId, token))

  beforeAll(async () => {
    server = await new TestServer().start()
  })
  afterAll(async () => {
    await server.dispose()
  })
  beforeEach(async () => {
    board = await createBoard(server)
  })
  afterEach(() => {
    clients.destroyAll()
  })

  it('syncs edits both ways between two members', async () => {
    const a = open(board.invites.member)
    const b = open(board.invites.owner)
    await Promise.all([synced(a), synced(b)])
    expect(readBoard(a.doc).stages.map((s) => s.id)).toEqual([
      'acquire',
      'activate',
      'engage',
      'retain',
      'expand',
      'refer',
    ])

    const added = addCard(a.doc, { kind: 'initiative', title: 'Shared onboarding', stageId: 'acquire' })
    expect(added.ok).toBe(true)
    await eventually(() => cardTitles(b).includes('Shared onboarding'), 'b sees the card added by a')

    const id = added.ok ? added.value : ''
    moveCard(b.doc, { cardId: id, toStageId: 'retain', index: 0 })
    await eventually(
      () => readBoard(a.doc).cardsByStage.retain?.some((c) => c.id === id) === true,
      'a sees the move made by b',
    )
  })

  it('propagates awareness between clients', async () => {
    const a = open(board.invites.member)
    const b = open(board.invites.member)
    await Promise.all([synced(a), synced(b)])
    a.provider.awareness.setLocalStateField('user', { name: 'Maya', function: 'Marketing' })
    await eventually(
      () =>
        [...b.provider.awareness.getStates().values()].some(
          (s) => (s as { user?: { name?: string } }).user?.name === 'Maya',
        ),
      'b sees a’s presence',
    )
  })

  it('gives a late joiner everything written before it came', async () => {
    const a = open(board.invites.member)
    await synced(a)
    for (let i = 0; i < 25; i++)
      addCard(a.doc, { kind: 'hypothesis', title: `Experiment ${i}`, stageId: 'engage' })
    const late = open(board.invites.viewer)
    await synced(late)
    await eventually(() => readBoard(late.doc).cards.length === 25, 'late joiner has all 25 cards')
    expect(cardTitles(late)).toEqual(cardTitles(a))
  })

  it("refuses a viewer's write: not applied, not broadcast, not stored", async () => {
    const member = open(board.invites.member)
    const viewer = open(board.invites.viewer)
    await Promise.all([synced(member), synced(viewer)])

    addCard(viewer.doc, { kind: 'initiative', title: 'Forged by a viewer', stageId: 'acquire' })
    await eventually(() => viewer.closes.some((c) => c.code === 4403), 'viewer socket closed with 4403')

    addCard(member.doc, { kind: 'initiative', title: 'Written by a member', stageId: 'acquire' })
    const fresh = open(board.invites.owner)
    await synced(fresh)
    await eventually(
      () => cardTitles(fresh).includes('Written by a member'),
      'fresh client sees the member card',
    )
    expect(cardTitles(fresh)).not.toContain('Forged by a viewer')
    expect(cardTitles(member)).not.toContain('Forged by a viewer')
  })

  it('refuses the upgrade with no token, a bad token, or a token for another board', async () => {
    const other = await createBoard(server, 'Other board')
    const statusOf = (url: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url)
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0)
          ws.terminate()
        })
        ws.on('close', (code) => resolve(code))
        ws.on('error', () => {})
      })
    const base = `${server.ws}/sync/${board.id}`
    expect([401, 4401]).toContain(await statusOf(base))
    expect([401, 4401]).toContain(await statusOf(`${base}?token=not-a-token`))
    const tampered = `${board.invites.viewer.slice(0, -4)}AAAA`
    expect([401, 403, 4401, 4403]).toContain(await statusOf(`${base}?token=${encodeURIComponent(tampered)}`))
    expect([403, 4403]).toContain(await statusOf(`${base}?token=${encodeURIComponent(other.invites.owner)}`))
  })

  it('closes only the socket that sends malformed or oversized frames', async () => {
    const a = open(board.invites.member)
    const b = open(board.invites.member)
    await Promise.all([synced(a), synced(b)])

    const rawClose = (payload: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(
          `${server.ws}/sync/${board.id}?token=${encodeURIComponent(board.invites.member)}`,
        )
        ws.on('open', () => ws.send(payload))
        ws.on('close', (code) => resolve(code))
        ws.on('error', () => {})
        setTimeout(() => reject(new Error('socket was not closed')), 5_000)
      })
    // Sync message (0), update (2), then a length prefix far larger than what follows.
    expect(await rawClose(Buffer.from([0, 2, 0xff, 0xff, 0x03, 1, 2, 3]))).toBeGreaterThanOrEqual(1000)
    expect(await rawClose(Buffer.from([0, 2, 5, 1, 2, 3, 4, 5]))).toBeGreaterThanOrEqual(1000)
    expect(await rawClose(Buffer.alloc(2 * 1024 * 1024, 7))).toBe(1009)

    addCard(a.doc, { kind: 'initiative', title: 'Still working', stageId: 'refer' })
    await eventually(() => cardTitles(b).includes('Still working'), 'b still receives a’s edits')
    expect(a.closes).toEqual([])
    expect(b.closes).toEqual([])
    const health = await fetch(`${server.http}/healthz`)
    expect(health.status).toBe(200)
  })
})

describe('durability', () => {
  it('loses nothing any client had received when the server is killed with SIGKILL mid-edit', async () => {
    const server = await new TestServer().start()
    try {
      const board = await createBoard(server, 'Durable board')
      const writer = connect(server.ws, board.id, board.invites.member)
      const watcher = connect(server.ws, board.id, board.invites.member)
      await Promise.all([synced(writer), synced(watcher)])

      // The writer edits continuously; whatever the watcher has received must survive the kill.
      let n = 0
      const timer = setInterval(() => {
        addCard(writer.doc, { kind: 'initiative', title: `Card ${n++}`, stageId: 'acquire' })
      }, 5)
      await eventually(() => readBoard(watcher.doc).cards.length >= 40, 'watcher received 40 cards')
      await server.kill()
      clearInterval(timer)
      const seen = new Set(readBoard(watcher.doc).cards.map((c) => c.id))
      writer.destroy()
      watcher.destroy()

      await server.start()
      const fresh = connect(server.ws, board.id, board.invites.viewer)
      await synced(fresh)
      const after = new Set(readBoard(fresh.doc).cards.map((c) => c.id))
      const missing = [...seen].filter((id) => !after.has(id))
      expect(seen.size).toBeGreaterThanOrEqual(40)
      expect(missing).toEqual([])
      fresh.destroy()
    } finally {
      await server.dispose()
    }
  })

  it('keeps a board across a clean restart (SIGTERM flushes and exits 0)', async () => {
    const server = await new TestServer().start()
    try {
      const board = await createBoard(server, 'Restarted board')
      const a = connect(server.ws, board.id, board.invites.member)
      await synced(a)
      addCard(a.doc, { kind: 'hypothesis', title: 'Survives restart', stageId: 'expand' })
      const probe = connect(server.ws, board.id, board.invites.viewer)
      await synced(probe)
      await eventually(() => cardTitles(probe).includes('Survives restart'), 'server has the card')
      a.destroy()
      probe.destroy()
      expect(await server.stop('SIGTERM')).toBe(0)
      await server.start()
      const fresh = connect(server.ws, board.id, board.invites.viewer)
      await synced(fresh)
      expect(cardTitles(fresh)).toContain('Survives restart')
      // The shutdown compacted the board: the fresh client was sent the stored snapshot while the
      // board loaded, and then carries on as any client.
      expect(await metric(server, 'tideboard_early_syncs_total')).toBe(1)
      const b = connect(server.ws, board.id, board.invites.member)
      await synced(b)
      addCard(b.doc, { kind: 'hypothesis', title: 'After the restart', stageId: 'engage' })
      await eventually(() => cardTitles(fresh).includes('After the restart'), 'fresh client sees a new card')
      b.destroy()
      fresh.destroy()
    } finally {
      await server.dispose()
    }
  })
})
