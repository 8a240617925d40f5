import v8 from 'node:v8'
import vm from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { silentLogger } from '../log.js'
import { createMetrics, type Metrics } from '../metrics.js'
import { createMemoryStorage } from '../storage/memory.js'
import type { Storage } from '../storage/storage.js'
import { withTruncatedSnapshot } from '../testing/damagedStorage.js'
import { FakeClient, principal, settle } from '../testing/fakeClient.js'
import { encodeSyncStep2Of, MESSAGE_SYNC } from './protocol.js'
import { CLOSE_CODES } from './room.js'
import { Rooms, type RoomsOptions } from './rooms.js'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

function setup(overrides: Partial<RoomsOptions> = {}) {
  const storage = overrides.storage ?? createMemoryStorage()
  const rooms = new Rooms({
    storage,
    metrics: createMetrics(),
    logger: silentLogger,
    maxFrameBytes: 1024 * 1024,
    compactEvery: 500,
    idleMs: 50,
    ...overrides,
  })
  cleanups.push(() => rooms.shutdown())
  const join = (boardId = 'board', role: Parameters<typeof principal>[0] = 'member') => {
    const client = new FakeClient()
    cleanups.push(() => client.destroy())
    const handle = rooms.connect(boardId, client.socket, principal(role, boardId))
    client.attach((data) => handle.receive(data))
    return { client, handle }
  }
  return { rooms, storage, join }
}

describe('Rooms', () => {
  it('re-reads open sockets’ access: closes revoked ones and applies role changes', async () => {
    const access = new Map<string, { role: 'viewer' | 'member' } | null>()
    const { rooms } = setup({
      recheckAccess: async (p) =>
        access.has(p.inviteId) ? (access.get(p.inviteId) ?? null) : { role: p.role },
    })
    const open = (inviteId: string) => {
      const client = new FakeClient()
      cleanups.push(() => client.destroy())
      const who = { ...principal('member'), inviteId }
      const handle = rooms.connect('board', client.socket, who)
      client.attach((data) => handle.receive(data))
      return { client, who }
    }
    const kept = open('invite-kept')
    const revoked = open('invite-revoked')
    await settle(10)
    access.set('invite-revoked', null)
    access.set('invite-kept', { role: 'viewer' })
    await rooms.recheckOpenSockets()
    expect(revoked.client.closed).toEqual({ code: CLOSE_CODES.forbidden, reason: 'access revoked' })
    expect(kept.client.closed).toBeNull()
    expect(kept.who.role).toBe('viewer')
  })

  it('refuses a connection that would load one board more than MAX_ROOMS, with 1013; open boards keep working', async () => {
    const { rooms, join } = setup({ maxRooms: 1 })
    const first = join('board-a')
    await settle(10)
    const refused = join('board-b')
    const again = join('board-a')
    await settle(10)
    expect(refused.client.closed).toEqual({
      code: CLOSE_CODES.tryAgain,
      reason: 'server busy: too many boards open',
    })
    expect(first.client.closed).toBeNull()
    expect(again.client.closed).toBeNull()
    expect(rooms.loadedCount).toBe(1)
  })

  it('buffers frames that arrive while the board loads, then answers them in order', async () => {
    const memory = createMemoryStorage()
    let release: () => void = () => {}
    const storage: Storage = {
      ...memory,
      loadDoc: async (id) => {
        await new Promise<void>((resolve) => (release = resolve))
        return memory.loadDoc(id)
      },
    }
    const { rooms, join } = setup({ storage })
    const a = join()
    a.client.doc.getMap('extra').set('note', 'typed before load')
    await settle()
    expect(a.client.received).toHaveLength(0)
    release()
    await settle(10)
    expect(rooms.loaded('board')?.doc.getMap('extra').get('note')).toBe('typed before load')
    expect(a.client.doc.getMap('stages').size).toBe(6)
  })

  it('shares one room between connections to the same board', async () => {
    const { rooms, join } = setup()
    const a = join()
    const b = join()
    await settle(10)
    expect(rooms.loadedCount).toBe(1)
    a.client.doc.getMap('extra').set('note', 'shared')
    await settle(10)
    expect(b.client.doc.getMap('extra').get('note')).toBe('shared')
  })

  it('unloads an idle room after idleMs, compacting it first', async () => {
    const { rooms, storage, join } = setup({ idleMs: 20 })
    const a = join()
    await settle(10)
    a.client.doc.getMap('extra').set('note', 'kept')
    await settle(10)
    a.handle.close()
    expect(rooms.loadedCount).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(rooms.loadedCount).toBe(0)
    const stored = await storage.loadDoc('board')
    expect(stored.updates).toHaveLength(0)
    const title = await rooms.withDoc('board', (doc) => doc.getMap('extra').get('note'))
    expect(title).toBe('kept')
  })

  it('keeps a room loaded when someone reconnects within idleMs', async () => {
    const { rooms, join } = setup({ idleMs: 40 })
    const a = join()
    await settle(10)
    a.handle.close()
    await new Promise((resolve) => setTimeout(resolve, 10))
    join()
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(rooms.loadedCount).toBe(1)
  })

  it('keeps a room loaded while a server write uses it, then unloads it when idle', async () => {
    const { rooms, join } = setup({ idleMs: 20 })
    const a = join()
    await settle(10)
    let during = 0
    const write = rooms.withRoom('board', async (room) => {
      a.handle.close()
      await new Promise((resolve) => setTimeout(resolve, 60))
      during = rooms.loadedCount
      return room.writeAsServer((doc) => doc.getMap('extra').set('note', 'server'))
    })
    await write
    expect(during).toBe(1)
    expect(rooms.loadedCount).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(rooms.loadedCount).toBe(0)
    expect(await rooms.withDoc('board', (doc) => doc.getMap('extra').get('note'))).toBe('server')
  })

  it('closes every socket with 1001 and flushes rooms on shutdown', async () => {
    const { rooms, storage, join } = setup()
    const a = join()
    await settle(10)
    a.client.doc.getMap('extra').set('note', 'flushed')
    await settle(10)
    await rooms.shutdown()
    expect(a.client.closed?.code).toBe(CLOSE_CODES.goingAway)
    expect(rooms.loadedCount).toBe(0)
    expect((await storage.loadDoc('board')).updates).toHaveLength(0)
    const late = join('other')
    expect(late.client.closed?.code).toBe(CLOSE_CODES.goingAway)
  })

  it('closes the socket with 1011 when the board cannot be loaded', async () => {
    const memory = createMemoryStorage()
    const storage: Storage = {
      ...memory,
      loadDoc: async () => {
        throw new Error('disk on fire')
      },
    }
    const { rooms, join } = setup({ storage })
    const a = join()
    await settle(10)
    expect(a.client.closed?.code).toBe(CLOSE_CODES.internalError)
    expect(rooms.loadedCount).toBe(0)
  })

  describe('early sync: a fresh client gets an intact stored snapshot while the board loads', () => {
    const earlySyncs = async (metrics: Metrics) => (await metrics.earlySyncs.get()).values[0]?.value ?? 0
    const isStep2 = (frame: Uint8Array) =>
      frame[0] === MESSAGE_SYNC && frame[1] === syncProtocol.messageYjsSyncStep2
    const isStep1 = (frame: Uint8Array) =>
      frame[0] === MESSAGE_SYNC && frame[1] === syncProtocol.messageYjsSyncStep1

    /** A board stored as a snapshot alone (edited, then compacted by a shutdown). */
    async function storedBoard(note: string) {
      const storage = createMemoryStorage()
      const first = setup({ storage })
      const writer = first.join()
      await settle(10)
      writer.client.doc.getMap('extra').set('note', note)
      await settle(10)
      await first.rooms.shutdown()
      const stored = await storage.loadDoc('board')
      expect(stored.updates).toHaveLength(0)
      return { storage, snapshot: stored.snapshot ?? new Uint8Array() }
    }

    it('sends the stored bytes as the step 2, before the server’s step 1, and nothing whole again', async () => {
      const { storage, snapshot } = await storedBoard('from the snapshot')
      const metrics = createMetrics()
      const { rooms, join } = setup({ storage, metrics })
      const fresh = join()
      await settle(10)
      const first = fresh.client.received[0] ?? new Uint8Array()
      expect(isStep2(first)).toBe(true)
      expect(Buffer.compare(first, encodeSyncStep2Of(snapshot))).toBe(0)
      expect(isStep1(fresh.client.received[1] ?? new Uint8Array())).toBe(true)
      // Its step 1 was answered once: no second copy of the board once the room had loaded.
      const steps2 = fresh.client.received.filter(isStep2)
      expect(steps2).toHaveLength(1)
      expect(await earlySyncs(metrics)).toBe(1)
      expect(fresh.client.doc.getMap('extra').get('note')).toBe('from the snapshot')
      // And it carries on as any client: its edits reach the room and others.
      const other = join()
      await settle(10)
      fresh.client.doc.getMap('extra').set('note', 'edited after an early sync')
      await settle(10)
      expect(rooms.loaded('board')?.doc.getMap('extra').get('note')).toBe('edited after an early sync')
      expect(other.client.doc.getMap('extra').get('note')).toBe('edited after an early sync')
    })

    it('then sends what the document gained while it loaded (here, a migration of an old snapshot)', async () => {
      const storage = createMemoryStorage()
      // A document from before the board schema: the load migrates it (stages, KPIs…).
      const old = new Y.Doc()
      old.getMap('extra').set('note', 'old board')
      await storage.createBoard({ id: 'board', title: 'Old', createdAt: 'then' }, Y.encodeStateAsUpdate(old))
      const metrics = createMetrics()
      const { rooms, join } = setup({ storage, metrics })
      const fresh = [join(), join()]
      await settle(10)
      expect(await earlySyncs(metrics)).toBe(2)
      const room = rooms.loaded('board')
      expect(room?.doc.getMap('stages').size).toBe(6)
      const roomVector = Y.encodeStateVector(room?.doc ?? old)
      for (const { client } of fresh) {
        expect(client.doc.getMap('stages').size).toBe(6)
        expect(client.doc.getMap('extra').get('note')).toBe('old board')
        expect(Buffer.compare(Y.encodeStateVector(client.doc), roomVector)).toBe(0)
      }
    })

    it('keeps an edit the client made between the early sync and the end of the load', async () => {
      const { storage } = await storedBoard('before')
      const { rooms } = setup({ storage })
      const fresh = new FakeClient()
      cleanups.push(() => fresh.destroy())
      const send = fresh.socket.send
      let edited = false
      fresh.socket.send = (data) => {
        send(data)
        if (edited) return
        // Right as the snapshot lands, before the room has been built.
        edited = true
        expect(rooms.loaded('board')).toBeNull()
        fresh.doc.getMap('extra').set('note', 'typed at once')
      }
      const handle = rooms.connect('board', fresh.socket, principal('member'))
      fresh.attach((data) => handle.receive(data))
      await settle(10)
      expect(edited).toBe(true)
      expect(rooms.loaded('board')?.doc.getMap('extra').get('note')).toBe('typed at once')
    })

    it('never sends a snapshot whose bytes do not match their digest', async () => {
      const { storage: intact } = await storedBoard('good')
      const storage = withTruncatedSnapshot(intact)
      const metrics = createMetrics()
      const { join } = setup({ storage, metrics })
      const fresh = join()
      await settle(10)
      expect(await earlySyncs(metrics)).toBe(0)
      // The normal handshake: the server's step 1 first, then the step 2 of what the room holds.
      expect(isStep1(fresh.client.received[0] ?? new Uint8Array())).toBe(true)
      expect(fresh.client.closed).toBeNull()
    })

    it('does not keep the stored snapshot alive for as long as an early-synced socket stays open', async () => {
      v8.setFlagsFromString('--expose-gc')
      const gc = vm.runInNewContext('gc') as () => void
      const { storage: intact } = await storedBoard('x'.repeat(1000))
      const read: { ref: WeakRef<Uint8Array> | null } = { ref: null }
      const storage: Storage = {
        ...intact,
        loadDoc: async (id, after) => {
          const stored = await intact.loadDoc(id, after)
          if (stored.snapshot && after === undefined) read.ref ??= new WeakRef(stored.snapshot)
          return stored
        },
      }
      const metrics = createMetrics()
      const { join } = setup({ storage, metrics })
      const fresh = join()
      await settle(10)
      expect(await earlySyncs(metrics)).toBe(1)
      // Once the document has changed the room lets go of the stored bytes; the socket must too.
      fresh.client.doc.getMap('extra').set('note', 'changed')
      await settle(10)
      await new Promise((resolve) => setTimeout(resolve, 5))
      gc()
      expect(read.ref).not.toBeNull()
      expect(read.ref?.deref()).toBeUndefined()
    })

    it('answers an early client as one that has nothing when the room was not built from what it was sent', async () => {
      const storage = createMemoryStorage()
      // Bytes Yjs cannot read, stored with their own digest (a writer's bug, not damage on disk): the
      // digest matches, so they are sent early, and the load falls back to an empty board.
      const unreadable = Uint8Array.of(9, 200, 7, 255, 255, 255, 3)
      await storage.createBoard({ id: 'board', title: 'B', createdAt: 'now' }, unreadable)
      const metrics = createMetrics()
      const { rooms, join } = setup({ storage, metrics })
      const fresh = join()
      await settle(20)
      expect(await earlySyncs(metrics)).toBe(1)
      const room = rooms.loaded('board')
      expect(room?.doc.getMap('stages').size).toBe(6)
      // It is sent the whole board (the migrated stages), and is not left half-connected.
      expect(fresh.client.doc.getMap('stages').size).toBe(6)
      fresh.handle.close()
      expect(room?.size).toBe(0)
    })

    it('leaves clients that already hold state, and logs with rows after the snapshot, to the normal sync', async () => {
      const { storage, snapshot } = await storedBoard('known')
      const metrics = createMetrics()
      const returning = new FakeClient()
      cleanups.push(() => returning.destroy())
      Y.applyUpdate(returning.doc, snapshot)
      const { rooms } = setup({ storage, metrics })
      const handle = rooms.connect('board', returning.socket, principal('member'))
      returning.attach((data) => handle.receive(data))
      await settle(10)
      expect(await earlySyncs(metrics)).toBe(0)
      expect(returning.received.filter(isStep2).every((frame) => frame.length < snapshot.length)).toBe(true)

      // A row after the snapshot: the stored bytes are not the whole board.
      await storage.appendUpdate('board', Y.encodeStateAsUpdate(returning.doc))
      const second = setup({ storage, metrics })
      const fresh = second.join()
      await settle(10)
      expect(await earlySyncs(metrics)).toBe(0)
      expect(fresh.client.doc.getMap('extra').get('note')).toBe('known')
    })
  })
})
