// Several Tideboard instances behind one PostgreSQL database and one Redis, as a load balancer without
// sticky sessions would use them: stock y-websocket clients on different instances converge (edits and
// presence), REST writes through one instance reach sockets on another, a SIGKILLed instance loses
// nothing, and a Redis restart is followed by a resynchronisation from storage. Needs DATABASE_URL and
// REDIS_URL (CI sets both); each suite gets a fresh database and its own channel prefix.

import { addCard, addPerson, approvalFingerprint, readBoard, updateCard } from '@tideboard/shared'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { api } from './support/api.js'
import {
  DATABASE_URL,
  freePort,
  freshDatabase,
  metric,
  REDIS_URL,
  RedisProcess,
  uniquePrefix,
  waitForMetric,
} from './support/cluster.js'
import { forgedCard } from './support/forgedCard.js'
import { openRaw, updateFrame } from './support/rawSocket.js'
import { createBoard, TestServer } from './support/server.js'
import { type Client, connect, eventually, synced } from './support/yclient.js'

const enabled = Boolean(DATABASE_URL && REDIS_URL)
if (!enabled) {
  console.warn('[cluster] SKIPPED: set DATABASE_URL and REDIS_URL to run the multi-instance suites (CI does)')
}

const titles = (client: Client) => readBoard(client.doc).cards.map((c) => c.title)
const names = (client: Client) =>
  [...client.provider.awareness.getStates().values()].map(
    (s) => (s as { user?: { name?: string } }).user?.name,
  )

const clients: Client[] = []
const open = (server: TestServer, boardId: string, token: string) => {
  const client = connect(server.ws, boardId, token)
  clients.push(client)
  return client
}
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})

async function startCluster(databaseUrl: string, redisUrl: string, count = 2): Promise<TestServer[]> {
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_PREFIX: uniquePrefix() }
  // Started together on an empty database: migrations, secret and sample board must not race.
  const servers = await Promise.all(Array.from({ length: count }, () => new TestServer({ env }).start()))
  await Promise.all(servers.map((s) => waitForMetric(s, 'tideboard_bus_connected', (v) => v === 1)))
  return servers
}

describe.skipIf(!enabled)('two instances on one PostgreSQL and one Redis', () => {
  let a: TestServer
  let b: TestServer
  let database: { url: string; drop(): Promise<void> }

  beforeAll(async () => {
    database = await freshDatabase(DATABASE_URL ?? '')
    ;[a, b] = (await startCluster(database.url, REDIS_URL ?? '')) as [TestServer, TestServer]
  })
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()])
    await database?.drop()
  })

  it('starts both on an empty database with one sample board and one shared token secret', async () => {
    const [sampleA, sampleB] = await Promise.all([api(a, '/api/sample'), api(b, '/api/sample')])
    expect(sampleA.status).toBe(200)
    expect(sampleB.body.id).toBe(sampleA.body.id)
    // A board made through one instance is served, with its tokens, by the other.
    const board = await createBoard(a, 'Shared')
    expect((await api(b, `/api/boards/${board.id}`, { token: board.invites.member })).status).toBe(200)
  })

  it('converges edits and presence between clients on different instances', async () => {
    const board = await createBoard(a, 'Planning across instances')
    const onA = open(a, board.id, board.invites.member)
    const onB = open(b, board.id, board.invites.owner)
    await Promise.all([synced(onA), synced(onB)])

    const added = addCard(onA.doc, { kind: 'initiative', title: 'Shared onboarding', stageId: 'acquire' })
    if (!added.ok) throw new Error(added.error)
    await eventually(() => titles(onB).includes('Shared onboarding'), 'B sees the card added on A')
    addCard(onB.doc, { kind: 'hypothesis', title: 'Referral nudge', stageId: 'refer' })
    await eventually(() => titles(onA).includes('Referral nudge'), 'A sees the card added on B')

    // Concurrent edits on both sides at once.
    for (let i = 0; i < 20; i++) {
      addCard(onA.doc, { kind: 'hypothesis', title: `A${i}`, stageId: 'engage' })
      addCard(onB.doc, { kind: 'hypothesis', title: `B${i}`, stageId: 'retain' })
    }
    await eventually(() => titles(onA).length === 42 && titles(onB).length === 42, 'both have 42 cards')
    expect([...titles(onA)].sort()).toEqual([...titles(onB)].sort())

    onA.provider.awareness.setLocalStateField('user', { name: 'Maya' })
    onB.provider.awareness.setLocalStateField('user', { name: 'Ravi' })
    await eventually(() => names(onB).includes('Maya'), 'B sees Maya on A')
    await eventually(() => names(onA).includes('Ravi'), 'A sees Ravi on B')
    // A client arriving later on B sees who is already on A.
    const late = open(b, board.id, board.invites.viewer)
    await synced(late)
    await eventually(() => names(late).includes('Maya'), 'a late joiner on B sees Maya')
    expect(await metric(a, 'tideboard_bus_connected')).toBe(1)
  })

  it('applies membership, revocation, role changes and decisions made through one instance on the other', async () => {
    const board = await createBoard(a, 'Access across instances')
    const join = async (token: string, name: string) => {
      const res = await api<{ token: string; member: { id: string } }>(a, `/api/boards/${board.id}/join`, {
        method: 'POST',
        token,
        json: { name },
      })
      expect(res.status).toBe(201)
      return res.body
    }
    const mo = await join(board.invites.member, 'Mo')
    const kim = await join(board.invites.member, 'Kim')
    const watcher = open(b, board.id, board.invites.owner)
    const moOnB = open(b, board.id, mo.token)
    const kimOnB = open(b, board.id, kim.token)
    await Promise.all([synced(watcher), synced(moOnB), synced(kimOnB)])
    await eventually(
      () => readBoard(watcher.doc).members.some((m) => m.name === 'Kim'),
      'members joined through A appear on B',
    )

    // Demoted to viewer through A: Kim's next write on B is refused.
    const demote = await api(a, `/api/boards/${board.id}/members/${kim.member.id}`, {
      method: 'PATCH',
      token: board.invites.owner,
      json: { role: 'viewer' },
    })
    expect(demote.status).toBe(200)
    await new Promise((r) => setTimeout(r, 200))
    addCard(kimOnB.doc, { kind: 'initiative', title: 'Viewer write', stageId: 'acquire' })
    await eventually(() => kimOnB.closes.some((c) => c.code === 4403), 'Kim’s socket on B refuses the write')

    // Revoked through A: Mo's socket on B closes with 4403.
    const revoke = await api(a, `/api/boards/${board.id}/members/${mo.member.id}`, {
      method: 'DELETE',
      token: board.invites.owner,
    })
    expect(revoke.status).toBe(200)
    await eventually(
      () => moOnB.closes.some((c) => c.code === 4403 && c.reason === 'access revoked'),
      'Mo’s socket on B is closed',
    )
    expect(watcher.closes).toEqual([])

    // A bet proposed by a client on B, decided by leaders through A.
    const invite = async (fn: string) =>
      (
        await api<{ token: string }>(a, `/api/boards/${board.id}/invites`, {
          method: 'POST',
          token: board.invites.owner,
          json: { role: 'leader', function: fn },
        })
      ).body.token
    const sales = await join(await invite('Sales'), 'Dee')
    const cs = await join(await invite('Customer Success'), 'Priya')
    const diego = addPerson(watcher.doc, { name: 'Diego', function: 'Sales' })
    const priya = addPerson(watcher.doc, { name: 'Priya', function: 'Customer Success' })
    const card = addCard(watcher.doc, { kind: 'hypothesis', title: 'Health review', stageId: 'retain' })
    if (!diego.ok || !priya.ok || !card.ok) throw new Error('could not build the bet')
    updateCard(watcher.doc, card.value, {
      owners: { Sales: diego.value, 'Customer Success': priya.value },
      hypothesis: { statement: 'A review lifts NRR', impact: 7 },
    })
    updateCard(watcher.doc, card.value, { status: 'proposed' })
    const onA = open(a, board.id, board.invites.viewer)
    await synced(onA)
    await eventually(
      () => readBoard(onA.doc).cards.find((c) => c.id === card.value)?.status === 'proposed',
      'A has the proposal made on B',
    )
    // The proposal round is the server's write in answer to the proposal (made by B, which received
    // it): decisions are taken against it, so A must have it first.
    await eventually(() => readBoard(onA.doc).rounds[card.value] !== undefined, 'A has the proposal round')
    const seen = readBoard(onA.doc).cards.find((c) => c.id === card.value)
    if (!seen) throw new Error('card missing')
    for (const leader of [sales, cs]) {
      const res = await api(a, `/api/boards/${board.id}/cards/${card.value}/decisions`, {
        method: 'POST',
        token: leader.token,
        json: { verdict: 'approve', reason: 'Yes', fingerprint: approvalFingerprint(seen) },
      })
      expect(res.status).toBe(201)
    }
    await eventually(
      () => readBoard(watcher.doc).cards.find((c) => c.id === card.value)?.status === 'approved',
      'B sees the card approved through A',
    )
    const log = await api<{ decisions: unknown[] }>(b, `/api/boards/${board.id}/decisions`, {
      token: board.invites.owner,
    })
    expect(log.body.decisions).toHaveLength(2)
  })

  it('refuses on one instance a write under a client id a member of the board claimed on the other', async () => {
    const board = await createBoard(a, 'Client ids across instances')
    const join = async (name: string) =>
      (
        await api<{ token: string }>(a, `/api/boards/${board.id}/join`, {
          method: 'POST',
          token: board.invites.member,
          json: { name },
        })
      ).body.token
    const [mo, kim] = [await join('Mo'), await join('Kim')]
    const moOnA = open(a, board.id, mo)
    const watcherOnB = open(b, board.id, board.invites.owner)
    await Promise.all([synced(moOnA), synced(watcherOnB)])
    addCard(moOnA.doc, { kind: 'initiative', title: 'Mo on A', stageId: 'acquire' })
    await eventually(() => titles(watcherOnB).includes('Mo on A'), 'B sees Mo’s card')

    const raw = await openRaw(b.ws, board.id, kim)
    raw.ws.send(updateFrame(forgedCard(watcherOnB.doc, moOnA.doc.clientID, 'Forged by Kim on B')))
    const closed = await raw.closed
    expect(closed.code).toBe(4403)
    expect(closed.reason).toMatch(/belongs to someone else/)

    addCard(moOnA.doc, { kind: 'initiative', title: 'Mo again', stageId: 'acquire' })
    await eventually(() => titles(watcherOnB).includes('Mo again'), 'B sees Mo’s next card')
    expect([...titles(moOnA), ...titles(watcherOnB)]).not.toContain('Forged by Kim on B')
    expect(moOnA.closes).toEqual([])
  })
})

describe.skipIf(!enabled)('an instance killed with SIGKILL', () => {
  let database: { url: string; drop(): Promise<void> }
  let servers: TestServer[] = []

  beforeAll(async () => {
    database = await freshDatabase(DATABASE_URL ?? '')
    servers = await startCluster(database.url, REDIS_URL ?? '')
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.dispose()))
    await database?.drop()
  })

  it('loses nothing: its clients reconnect to the other instance with every acknowledged edit', async () => {
    const [a, b] = servers as [TestServer, TestServer]
    const board = await createBoard(a, 'Crash board')
    const writer = open(a, board.id, board.invites.member)
    const observer = open(b, board.id, board.invites.viewer)
    await Promise.all([synced(writer), synced(observer)])
    for (let i = 0; i < 60; i++)
      addCard(writer.doc, { kind: 'hypothesis', title: `Card ${i}`, stageId: 'engage' })
    // Seen on B means stored: an instance broadcasts only what is committed.
    await eventually(() => titles(observer).length === 60, 'B has every edit made on A')
    await a.kill()

    // The writer keeps editing offline, then its document reconnects to B, as a client behind a load
    // balancer would: a stock provider on the same Y.Doc.
    writer.provider.destroy()
    addCard(writer.doc, { kind: 'initiative', title: 'Typed while reconnecting', stageId: 'acquire' })
    const moved = new WebsocketProvider(`${b.ws}/sync`, board.id, writer.doc, {
      params: { token: board.invites.member },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    try {
      await eventually(() => titles(observer).length === 61, 'B has the edit made while reconnecting')
    } finally {
      moved.destroy()
    }
    const again = open(b, board.id, board.invites.member)
    await synced(again)
    expect(titles(again)).toHaveLength(61)

    // A fresh instance on the same database (the restarted one) has it all too.
    const c = await new TestServer({
      env: { DATABASE_URL: database.url, REDIS_URL: REDIS_URL ?? '', REDIS_PREFIX: uniquePrefix() },
    }).start()
    servers.push(c)
    const fresh = open(c, board.id, board.invites.viewer)
    await synced(fresh)
    expect(titles(fresh)).toHaveLength(61)
  })
})

describe.skipIf(!enabled)('Redis restarted under two instances', () => {
  let database: { url: string; drop(): Promise<void> }
  let redis: RedisProcess
  let servers: TestServer[] = []

  beforeAll(async () => {
    database = await freshDatabase(DATABASE_URL ?? '')
    // A Redis of its own: the shared one is never stopped under other suites.
    redis = await new RedisProcess(await freePort()).start()
    servers = await startCluster(database.url, redis.url)
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.dispose()))
    await redis?.stop()
    await database?.drop()
  })

  it('keeps serving each instance’s clients and resynchronises from storage when Redis returns', async () => {
    const [a, b] = servers as [TestServer, TestServer]
    const board = await createBoard(a, 'Outage board')
    const onA = open(a, board.id, board.invites.member)
    const onB = open(b, board.id, board.invites.member)
    const alsoOnA = open(a, board.id, board.invites.viewer)
    await Promise.all([synced(onA), synced(onB), synced(alsoOnA)])
    addCard(onA.doc, { kind: 'initiative', title: 'Before', stageId: 'acquire' })
    await eventually(() => titles(onB).includes('Before'), 'B sees the edit before the outage')

    await redis.stop()
    await Promise.all(servers.map((s) => waitForMetric(s, 'tideboard_bus_connected', (v) => v === 0)))
    addCard(onA.doc, { kind: 'initiative', title: 'During on A', stageId: 'acquire' })
    addCard(onB.doc, { kind: 'initiative', title: 'During on B', stageId: 'refer' })
    // Clients of one instance still see each other live.
    await eventually(() => titles(alsoOnA).includes('During on A'), 'A still serves its own clients')

    await redis.start()
    await Promise.all(servers.map((s) => waitForMetric(s, 'tideboard_bus_reconnects_total', (v) => v >= 1)))
    await eventually(() => titles(onB).includes('During on A'), 'B gets A’s edit made during the outage')
    await eventually(() => titles(onA).includes('During on B'), 'A gets B’s edit made during the outage')
    const resyncs = (await metric(a, 'tideboard_bus_resyncs_total')) ?? 0
    const resyncsB = (await metric(b, 'tideboard_bus_resyncs_total')) ?? 0
    expect(resyncs + resyncsB).toBeGreaterThanOrEqual(1)
    expect(a.log + b.log).toMatch(/bus reconnected: resynchronising/)

    // And live fan-out works again.
    addCard(onB.doc, { kind: 'initiative', title: 'After', stageId: 'refer' })
    await eventually(() => titles(onA).includes('After'), 'A sees an edit made on B after the outage')
  })
})
