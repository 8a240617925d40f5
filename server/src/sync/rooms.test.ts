import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../log.js'
import { createMetrics } from '../metrics.js'
import { createMemoryStorage } from '../storage/memory.js'
import type { Storage } from '../storage/storage.js'
import { FakeClient, principal, settle } from '../testing/fakeClient.js'
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
})
