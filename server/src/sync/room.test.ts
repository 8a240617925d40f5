import { addCard, readBoard, SCHEMA_VERSION } from '@tideboard/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { silentLogger } from '../log.js'
import { createMetrics } from '../metrics.js'
import { createMemoryStorage } from '../storage/memory.js'
import type { Storage } from '../storage/storage.js'
import { FakeClient, principal, settle } from '../testing/fakeClient.js'
import { restoreDoc } from './restoreDoc.js'
import { CLOSE_CODES, Room, type RoomDeps } from './room.js'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

async function setup(overrides: Partial<RoomDeps> = {}) {
  const storage = overrides.storage ?? createMemoryStorage()
  const deps: RoomDeps = {
    storage,
    metrics: createMetrics(),
    logger: silentLogger,
    maxFrameBytes: 1024 * 1024,
    compactEvery: 500,
    ...overrides,
  }
  const room = await Room.load('board', deps)
  cleanups.push(() => room.destroy())
  const client = (role: Parameters<typeof principal>[0] = 'member') => {
    const c = new FakeClient()
    cleanups.push(() => c.destroy())
    const connection = c.connectTo(room, principal(role))
    return { client: c, connection }
  }
  return { room, storage, deps, client }
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

async function storedRows(storage: Storage): Promise<number> {
  return (await storage.loadDoc('board')).updates.length
}

describe('Room', () => {
  it('migrates a new board on load and stores the migration like any update', async () => {
    const { room, storage } = await setup()
    expect(room.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION)
    expect(readBoard(room.doc).stages.length).toBe(6)
    expect(await storedRows(storage)).toBe(1)
  })

  it('syncs two connections both ways without echoing an update to its sender', async () => {
    const { room, client } = await setup()
    const a = client()
    const b = client()
    await settle()
    expect(b.client.doc.getMap('stages').size).toBe(6)

    a.client.doc.getMap('extra').set('note', 'From A')
    await settle()
    expect(b.client.doc.getMap('extra').get('note')).toBe('From A')
    expect(room.doc.getMap('extra').get('note')).toBe('From A')
    expect(a.client.updatesReceived()).toBe(0)

    b.client.doc.getText('notes').insert(0, 'from B')
    await settle()
    expect(a.client.doc.getText('notes').toString()).toBe('from B')
    expect(b.client.updatesReceived()).toBe(1)
  })

  it('stores an update before applying or broadcasting it', async () => {
    const memory = createMemoryStorage()
    let release: () => void = () => {}
    let gated = false
    const storage: Storage = {
      ...memory,
      appendUpdate: async (boardId, update) => {
        if (gated) await new Promise<void>((resolve) => (release = resolve))
        return memory.appendUpdate(boardId, update)
      },
    }
    const { room, client } = await setup({ storage })
    const a = client()
    const b = client()
    await settle()
    gated = true
    a.client.doc.getMap('extra').set('note', 'Durable first')
    await settle()
    expect(room.doc.getMap('extra').get('note')).not.toBe('Durable first')
    expect(b.client.doc.getMap('extra').get('note')).not.toBe('Durable first')
    release()
    await settle()
    expect(b.client.doc.getMap('extra').get('note')).toBe('Durable first')
    const stored = new Y.Doc()
    const { snapshot, updates } = await memory.loadDoc('board')
    if (snapshot) Y.applyUpdate(stored, snapshot)
    for (const u of updates) Y.applyUpdate(stored, u.data)
    expect(stored.getMap('extra').get('note')).toBe('Durable first')
  })

  it('refuses a viewer edit with 4403: not applied, not broadcast, not stored', async () => {
    const { room, storage, client } = await setup()
    const member = client('member')
    const viewer = client('viewer')
    await settle()
    const rowsBefore = await storedRows(storage)
    viewer.client.doc.getMap('extra').set('note', 'Viewer was here')
    await settle()
    expect(viewer.client.closed).toEqual({ code: CLOSE_CODES.forbidden, reason: 'viewers cannot edit' })
    expect(room.doc.getMap('extra').get('note')).not.toBe('Viewer was here')
    expect(member.client.doc.getMap('extra').get('note')).not.toBe('Viewer was here')
    expect(await storedRows(storage)).toBe(rowsBefore)
    expect(room.size).toBe(1)
  })

  it('lets a viewer sync a board with deletions: its step 2 changes nothing and is ignored', async () => {
    const { room, storage, client } = await setup()
    const member = client('member')
    await settle()
    member.client.doc.getText('notes').insert(0, 'hello world')
    member.client.doc.getText('notes').delete(0, 6)
    await settle()
    const rowsBefore = await storedRows(storage)
    const viewer = client('viewer')
    await settle()
    expect(viewer.client.closed).toBeNull()
    expect(viewer.client.doc.getText('notes').toString()).toBe('world')
    expect(await storedRows(storage)).toBe(rowsBefore)
    expect(room.size).toBe(2)
  })

  it('accepts awareness from a viewer', async () => {
    const { client } = await setup()
    const member = client('member')
    const viewer = client('viewer')
    await settle()
    viewer.client.awareness.setLocalStateField('user', { name: 'Vera' })
    await settle()
    expect(viewer.client.closed).toBeNull()
    expect(member.client.awareness.getStates().get(viewer.client.doc.clientID)).toEqual({
      user: { name: 'Vera' },
    })
  })

  it.each([
    ['garbage bytes', new Uint8Array([0xff, 0xff, 0xff])],
    ['a truncated varint', new Uint8Array([0x80])],
    ['a length past the end', new Uint8Array([0, 2, 50, 1, 2])],
    ['an undecodable update', new Uint8Array([0, 2, 3, 9, 9, 9])],
    ['trailing bytes', new Uint8Array([3, 0])],
    ['a broken awareness update', new Uint8Array([1, 3, 1, 1, 1])],
    ['an empty frame', new Uint8Array([])],
  ])('closes only the sender of %s with 4400', async (_name, frame) => {
    const { room, client } = await setup()
    const bad = client()
    const good = client()
    await settle()
    await room.receive(bad.connection, frame)
    expect(bad.client.closed?.code).toBe(CLOSE_CODES.malformed)
    expect(good.client.closed).toBeNull()
    good.client.doc.getMap('extra').set('note', 'still fine')
    await settle()
    expect(room.doc.getMap('extra').get('note')).toBe('still fine')
  })

  it('closes a text frame with 4400 and an oversized frame with 1009', async () => {
    const { room, client } = await setup({ maxFrameBytes: 1024 })
    const text = client()
    const big = client()
    await settle()
    await room.receive(text.connection, 'hello')
    await room.receive(big.connection, new Uint8Array(2048))
    expect(text.client.closed?.code).toBe(CLOSE_CODES.malformed)
    expect(big.client.closed?.code).toBe(CLOSE_CODES.tooBig)
    expect(room.size).toBe(0)
  })

  it('ignores unknown message types', async () => {
    const { room, client } = await setup()
    const a = client()
    await settle()
    await room.receive(a.connection, new Uint8Array([7, 1, 2, 3]))
    expect(a.client.closed).toBeNull()
  })

  it('removes a connection’s awareness the moment it disconnects', async () => {
    const { room, client } = await setup()
    const a = client()
    const b = client()
    a.client.awareness.setLocalStateField('user', { name: 'Ana' })
    await settle()
    const aId = a.client.doc.clientID
    expect(b.client.awareness.getStates().has(aId)).toBe(true)
    room.disconnect(a.connection)
    await settle()
    expect(b.client.awareness.getStates().has(aId)).toBe(false)
    expect(room.awareness.getStates().has(aId)).toBe(false)
  })

  it('echoes awareness to its sender, which keeps an idle client from timing out', async () => {
    const { client } = await setup()
    const a = client()
    await settle()
    const before = a.client.received.length
    a.client.awareness.setLocalStateField('cursor', 1)
    await settle()
    expect(a.client.received.length).toBeGreaterThan(before)
  })

  it('processes one connection’s messages strictly in order even when storage is slow', async () => {
    const memory = createMemoryStorage()
    const order: string[] = []
    const storage: Storage = {
      ...memory,
      appendUpdate: async (boardId, update) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5))
        return memory.appendUpdate(boardId, update)
      },
    }
    const { room, client } = await setup({ storage })
    const a = client()
    const b = client()
    await settle()
    b.client.doc.getArray<number>('list').observe(() => order.push('event'))
    for (let i = 0; i < 20; i++) a.client.doc.getArray<number>('list').push([i])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(room.doc.getArray<number>('list').toArray()).toEqual([...Array(20).keys()])
    expect(b.client.doc.getArray<number>('list').toArray()).toEqual([...Array(20).keys()])
  })

  it('compacts its log into a snapshot after compactEvery rows, losing nothing', async () => {
    const { storage, client } = await setup({ compactEvery: 5 })
    const a = client()
    await settle()
    for (let i = 0; i < 12; i++) {
      a.client.doc.getArray<number>('list').push([i])
      await settle(2)
    }
    await settle(10)
    const stored = await storage.loadDoc('board')
    expect(stored.snapshotSeq).toBeGreaterThan(0)
    expect(stored.updates.length).toBeLessThan(5)
    const copy = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(copy, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(copy, u.data)
    expect(copy.getArray('list').toArray()).toEqual([...Array(12).keys()])
  })

  it('gives every fresh client the current document, also right after an edit and after a load from a snapshot', async () => {
    const { room, storage, deps, client } = await setup()
    const first = client()
    await settle()
    first.client.doc.getMap('extra').set('note', 'one')
    const joiner = client()
    await settle()
    expect(joiner.client.doc.getMap('extra').get('note')).toBe('one')
    first.client.doc.getMap('extra').set('note', 'two')
    await settle()
    const second = client()
    await settle()
    expect(second.client.doc.getMap('extra').get('note')).toBe('two')

    await room.compact()
    room.destroy()
    const reloaded = await Room.load('board', { ...deps, storage })
    cleanups.push(() => reloaded.destroy())
    const fresh = new FakeClient()
    cleanups.push(() => fresh.destroy())
    fresh.connectTo(reloaded, principal('member'))
    await settle()
    expect(fresh.doc.getMap('extra').get('note')).toBe('two')
    expect(readBoard(fresh.doc).stages.length).toBe(6)
    reloaded.doc.getMap('extra').set('note', 'three')
    await settle()
    const later = new FakeClient()
    cleanups.push(() => later.destroy())
    later.connectTo(reloaded, principal('member'))
    await settle()
    expect(later.doc.getMap('extra').get('note')).toBe('three')
  })

  it('applies updates sent through raw frames and refuses nothing valid', async () => {
    const { room, client } = await setup()
    const a = client()
    await settle()
    const source = new Y.Doc()
    source.getMap('extra').set('note', 'raw')
    await room.receive(a.connection, updateFrame(Y.encodeStateAsUpdate(source)))
    expect(room.doc.getMap('extra').get('note')).toBe('raw')
    expect(a.client.closed).toBeNull()
  })

  it.each(['member', 'leader', 'owner'] as const)(
    'refuses a %s’s write into the server-owned decisions: 4403, not applied, not broadcast, not stored',
    async (role) => {
      const { room, storage, client } = await setup()
      const forger = client(role)
      const watcher = client('member')
      await settle()
      const rowsBefore = await storedRows(storage)
      forger.client.doc
        .getMap('decisions')
        .set('forged', { cardId: 'c1', function: 'Sales', verdict: 'approve' })
      await settle()
      expect(forger.client.closed).toEqual({
        code: CLOSE_CODES.forbidden,
        reason: 'decisions are recorded by the server; clients cannot write them',
      })
      expect(room.doc.getMap('decisions').size).toBe(0)
      expect(watcher.client.doc.getMap('decisions').size).toBe(0)
      expect(await storedRows(storage)).toBe(rowsBefore)
      expect(watcher.client.closed).toBeNull()
    },
  )

  it('refuses a client setting a card approved, while other edits of the card pass', async () => {
    const { room, client } = await setup()
    const member = client('member')
    await settle()
    const card = addCard(member.client.doc, { kind: 'initiative', title: 'Bet', stageId: 'acquire' })
    if (!card.ok) throw new Error(card.error)
    await settle()
    expect(readBoard(room.doc).cards.map((c) => c.title)).toEqual(['Bet'])
    const record = member.client.doc.getMap('cards').get(card.value) as Y.Map<unknown>
    record.set('status', 'approved')
    await settle()
    expect(member.client.closed?.code).toBe(CLOSE_CODES.forbidden)
    expect(member.client.closed?.reason).toMatch(/approved or declined only through leaders/)
    expect(readBoard(room.doc).cards[0]?.status).toBe('idea')
  })

  it('lets only the owner change the board title', async () => {
    const { room, client } = await setup()
    const member = client('member')
    const owner = client('owner')
    await settle()
    owner.client.doc.getMap('meta').set('title', 'Owner’s title')
    await settle()
    expect(owner.client.closed).toBeNull()
    expect(room.doc.getMap('meta').get('title')).toBe('Owner’s title')
    member.client.doc.getMap('meta').set('title', 'Member’s title')
    await settle()
    expect(member.client.closed).toEqual({
      code: CLOSE_CODES.forbidden,
      reason: 'only the board owner changes the board title',
    })
    expect(room.doc.getMap('meta').get('title')).toBe('Owner’s title')
  })

  it('asks a client to reconnect (1013) when its update builds on items the server has not got', async () => {
    const { room, storage, client } = await setup()
    const a = client()
    await settle()
    const source = new Y.Doc()
    source.getText('notes').insert(0, 'a')
    const first = Y.encodeStateAsUpdate(source)
    const vector = Y.encodeStateVector(source)
    source.getText('notes').insert(1, 'b')
    const second = Y.encodeStateAsUpdate(source, vector)
    const rowsBefore = await storedRows(storage)
    await room.receive(a.connection, updateFrame(second))
    expect(a.client.closed?.code).toBe(CLOSE_CODES.tryAgain)
    expect(await storedRows(storage)).toBe(rowsBefore)
    const b = client()
    await settle()
    await room.receive(b.connection, updateFrame(first))
    await room.receive(b.connection, updateFrame(second))
    expect(b.client.closed).toBeNull()
    expect(room.doc.getText('notes').toString()).toBe('ab')
  })
})

describe('deletions a client sees in what the server sent', () => {
  async function restored(storage: Storage): Promise<Y.Doc> {
    const doc = new Y.Doc()
    restoreDoc(doc, await storage.loadDoc('board'), 'board', silentLogger)
    return doc
  }

  it("come from the client's own unsent concurrent edit, not from state the room failed to store", async () => {
    // What the SIGKILL crash test reported as "acknowledged deletions lost": a received item that
    // lands deleted (a GC struct in the client's update event) because the client had set the same
    // key itself and that edit never reached the server. The room never had the deletion, so a
    // restart correctly serves the item live until the client resends its edit.
    const { room, storage, client } = await setup()
    const a = client()
    const b = client()
    a.client.doc.clientID = 1
    // The higher client id wins concurrent writes to one map key.
    b.client.doc.clientID = 2
    await settle()
    a.client.doc.getMap('extra').set('note', 'first')
    await settle()

    // B's edit is held back, as if the kill came before the server stored it.
    const unsent: Uint8Array[] = []
    const send = b.client.send.bind(b.client)
    b.client.send = (data) => void unsent.push(data)
    b.client.doc.getMap('extra').set('note', 'from B')
    const fromServer: Uint8Array[] = []
    b.client.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === b.client) fromServer.push(update)
    })
    a.client.doc.getMap('extra').set('note', 'from A')
    await settle()

    const [received] = fromServer
    if (!received) throw new Error('B received nothing')
    const aClock = Y.getState(a.client.doc.store, 1) - 1
    expect(
      Y.decodeUpdate(received)
        .ds.clients.get(1)
        ?.some((d) => d.clock === aClock),
    ).toBe(true)
    expect(b.client.doc.getMap('extra').get('note')).toBe('from B')
    // The room and its log agree: A's value is live, and what B "received as deleted" is not stored.
    expect(room.doc.getMap('extra').get('note')).toBe('from A')
    const beforeResend = await restored(storage)
    expect(Y.equalSnapshots(Y.snapshot(beforeResend), Y.snapshot(room.doc))).toBe(true)
    expect(Y.snapshotContainsUpdate(Y.snapshot(beforeResend), received)).toBe(false)

    // Once B's edit arrives it is stored like any other, and the deletion with it.
    b.client.send = send
    for (const data of unsent) send(data)
    await settle()
    expect(room.doc.getMap('extra').get('note')).toBe('from B')
    const afterResend = await restored(storage)
    expect(Y.equalSnapshots(Y.snapshot(afterResend), Y.snapshot(room.doc))).toBe(true)
    expect(Y.snapshotContainsUpdate(Y.snapshot(afterResend), received)).toBe(true)
  })

  it('a deletion the room has only as GC (from a step 2 it judged contained) is in the stored log', async () => {
    // The alreadyContains shortcut must never skip a deletion the log lacks: the room's document is
    // only ever changed by updates stored first, so a restart restores every deletion it holds.
    const { room, storage, client } = await setup()
    const a = client()
    const b = client()
    await settle()
    for (const i of [1, 2, 3])
      addCard(a.client.doc, { kind: 'initiative', title: `C${i}`, stageId: 'acquire' })
    await settle()
    expect(readBoard(b.client.doc).cards).toHaveLength(3)
    for (const id of [...b.client.doc.getMap('cards').keys()]) b.client.doc.getMap('cards').delete(id)
    await settle()
    // B reconnects: its step 2 carries the whole delete set, already contained.
    const again = new FakeClient()
    cleanups.push(() => again.destroy())
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(b.client.doc))
    again.connectTo(room, principal('member'))
    await settle()
    const stored = await restored(storage)
    expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(room.doc))).toBe(true)
    expect(readBoard(stored).cards).toEqual([])
  })
})

describe('Room when storage fails under a server write', () => {
  it('refuses the write, disconnects everyone and serves nothing storage does not hold', async () => {
    const memory = createMemoryStorage()
    let failing = false
    const storage: Storage = {
      ...memory,
      appendUpdate: async (boardId, update) => {
        if (failing) throw new Error('disk full')
        return memory.appendUpdate(boardId, update)
      },
    }
    const { room, client } = await setup({ storage })
    const { client: watcher } = client()
    await settle()
    failing = true
    await expect(
      room.writeAsServer((doc) => doc.getMap('decisions').set('d1', { verdict: 'approve' })),
    ).rejects.toThrow(/could not store/)
    expect(watcher.closed?.code).toBe(CLOSE_CODES.internalError)
    expect(watcher.doc.getMap('decisions').has('d1')).toBe(false)
    const { client: late } = client()
    await settle()
    expect(late.closed?.code).toBe(CLOSE_CODES.tryAgain)
    expect(late.doc.getMap('decisions').has('d1')).toBe(false)
    failing = false
    await room.compact()
    const stored = await memory.loadDoc('board')
    const reloaded = new Y.Doc()
    restoreDoc(reloaded, stored, 'board', silentLogger)
    expect(reloaded.getMap('decisions').has('d1')).toBe(false)
  })
})

describe('durable acknowledgements', () => {
  it('tells a client that asked when what it sent is stored, and never tells a stock client', async () => {
    const { client } = await setup()
    const { client: ours } = client()
    const { client: stock } = client()
    await settle()
    ours.send(new Uint8Array([100]))
    await settle()
    const acks = (c: { received: Uint8Array[] }) => c.received.filter((m) => m[0] === 100)
    expect(acks(ours)).toHaveLength(1)
    ours.doc.getMap('cards').set('c1', 'x')
    stock.doc.getMap('cards').set('c2', 'y')
    await settle(10)
    const last = acks(ours).at(-1)!
    // The acknowledged state vector covers the client's own edit.
    const decoder = decoding.createDecoder(last)
    decoding.readVarUint(decoder)
    const acked = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
    expect(acked.get(ours.doc.clientID)).toBe(Y.getState(ours.doc.store, ours.doc.clientID))
    expect(acks(stock)).toHaveLength(0)
  })
})
