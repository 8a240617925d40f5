// Writes under someone else's Yjs client id: refused whoever sends them, remembered across restarts
// and instances; honest clients (reconnects, offline edits, reloads, several tabs) never notice.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join as joinPath } from 'node:path'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { Principal } from '../auth/access.js'
import { silentLogger } from '../log.js'
import { createMetrics, type Metrics } from '../metrics.js'
import { createMemoryStorage } from '../storage/memory.js'
import { openSqliteStorage } from '../storage/sqlite.js'
import type { Storage } from '../storage/storage.js'
import { FakeClient, settle } from '../testing/fakeClient.js'
import { SERVER_OWNER } from './clientOwners.js'
import { restoreDoc } from './restoreDoc.js'
import { CLOSE_CODES, Room, type RoomDeps } from './room.js'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const member = (id: string, extra: Partial<Principal> = {}): Principal => ({
  boardId: 'board',
  role: 'member',
  inviteId: 'invite-member',
  memberId: id,
  ...extra,
})

async function load(storage: Storage, metrics: Metrics = createMetrics()): Promise<Room> {
  const deps: RoomDeps = { storage, metrics, logger: silentLogger, maxFrameBytes: 1 << 20, compactEvery: 500 }
  const room = await Room.load('board', deps)
  cleanups.push(() => room.destroy())
  return room
}

function join(room: Room, who: Principal) {
  const client = new FakeClient()
  cleanups.push(() => client.destroy())
  const connection = client.connectTo(room, who)
  return { client, connection }
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/**
 * What a hostile client sends: an edit made under `clientId`, at the clocks that client would use
 * next (right after what `room` holds), so the owner's next edit would look already received.
 */
function forgedUnder(room: Room, clientId: number, value: string): Uint8Array {
  const forger = new Y.Doc()
  Y.applyUpdate(forger, Y.encodeStateAsUpdate(room.doc))
  forger.clientID = clientId
  const before = Y.encodeStateVector(forger)
  forger.getMap('extra').set('note', value)
  return Y.encodeStateAsUpdate(forger, before)
}

/** Waits until `check` holds: SQLite's appends commit on a writer thread, a few turns later. */
async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function storedNote(storage: Storage): Promise<unknown> {
  const doc = new Y.Doc()
  restoreDoc(doc, await storage.loadDoc('board'), 'board', silentLogger)
  return doc.getMap('extra').get('note')
}

describe('owners of Yjs client ids', () => {
  it('refuses a member’s structs under another member’s client id; that member’s later edits still arrive', async () => {
    const storage = createMemoryStorage()
    const metrics = createMetrics()
    const room = await load(storage, metrics)
    const alice = join(room, member('alice'))
    const bob = join(room, member('bob'))
    await settle()
    alice.client.doc.getMap('extra').set('first', 'from Alice')
    await settle()
    const aliceId = alice.client.doc.clientID
    const state = Y.getState(room.doc.store, aliceId)

    bob.client.send(updateFrame(forgedUnder(room, aliceId, 'forged by Bob')))
    await settle(10)
    expect(bob.client.closed?.code).toBe(CLOSE_CODES.forbidden)
    expect(bob.client.closed?.reason).toMatch(/belongs to someone else/)
    expect(Y.getState(room.doc.store, aliceId)).toBe(state)
    expect(room.doc.getMap('extra').get('note')).toBeUndefined()
    expect(await metrics.registry.metrics()).toMatch(
      /tideboard_updates_refused_total\{reason="client-id"\} 1/,
    )

    // Alice's next edit uses exactly the clocks Bob tried to take: received, stored and broadcast.
    const watcher = join(room, member('carol'))
    await settle()
    alice.client.doc.getMap('extra').set('note', 'from Alice')
    await settle(10)
    expect(alice.client.closed).toBeNull()
    expect(room.doc.getMap('extra').get('note')).toBe('from Alice')
    expect(watcher.client.doc.getMap('extra').get('note')).toBe('from Alice')
    expect(await storedNote(storage)).toBe('from Alice')
  })

  it('refuses structs under the server’s client id, before and after the server wrote under it', async () => {
    const storage = createMemoryStorage()
    const room = await load(storage)
    const serverId = room.doc.clientID
    // Loading a new board migrated it: the server wrote, so storage records its id as the server's.
    expect(await storage.claimClientIds('board', [serverId], 'bob')).toEqual(
      new Map([[serverId, SERVER_OWNER]]),
    )
    const bob = join(room, member('bob'))
    await settle()
    bob.client.send(updateFrame(forgedUnder(room, serverId, 'forged')))
    await settle(10)
    expect(bob.client.closed).toEqual({
      code: CLOSE_CODES.forbidden,
      reason: `client id ${serverId} is the server's`,
    })
    // The server's own writes are never refused.
    await room.writeAsServer((doc) => doc.getMap('extra').set('note', 'by the server'))
    expect(await storedNote(storage)).toBe('by the server')
  })

  it('claims the room’s client id for the server with its first write; a room whose id a client took closes and reloads', async () => {
    const storage = createMemoryStorage()
    const first = await load(storage)
    first.destroy()
    const room = await load(storage)
    // Nothing to migrate: the id is reserved in memory only until the server writes.
    expect(await storage.claimClientIds('board', [room.doc.clientID], 'probe')).toEqual(
      new Map([[room.doc.clientID, 'probe']]),
    )
    const watcher = join(room, member('alice'))
    await settle()
    await expect(room.writeAsServer((doc) => doc.getMap('extra').set('note', 'x'))).rejects.toThrow(
      /could not store a server write/,
    )
    // Nobody is sent a write under an id a client owns: everyone is closed, the room reloads.
    expect(watcher.client.closed?.code).toBe(CLOSE_CODES.internalError)
    expect(watcher.client.doc.getMap('extra').get('note')).toBeUndefined()
    const reloaded = await load(storage)
    expect(reloaded.doc.clientID).not.toBe(room.doc.clientID)
    await reloaded.writeAsServer((doc) => doc.getMap('extra').set('note', 'stored'))
    expect(await storedNote(storage)).toBe('stored')
  })

  it('lets a reconnecting client resend its whole difference, offline edits included, under its own ids', async () => {
    const storage = createMemoryStorage()
    const room = await load(storage)
    const alice = join(room, member('alice'))
    await settle()
    alice.client.doc.getMap('extra').set('online', 1)
    await settle()
    alice.client.goOffline(room, alice.connection)
    alice.client.doc.getMap('extra').set('note', 'written offline')
    alice.client.doc.getMap('extra').set('more', 2)
    await settle()
    expect(room.doc.getMap('extra').get('note')).toBeUndefined()
    alice.client.connectTo(room, member('alice'))
    await settle(10)
    expect(alice.client.closed).toBeNull()
    expect(room.doc.getMap('extra').toJSON()).toMatchObject({ online: 1, note: 'written offline', more: 2 })
    expect(await storedNote(storage)).toBe('written offline')
  })

  it('lets one person write from two tabs and after a reload, whose new client id sends the old one’s unsent edits', async () => {
    const room = await load(createMemoryStorage())
    const tab1 = join(room, member('alice'))
    const tab2 = join(room, member('alice'))
    await settle()
    tab1.client.doc.getMap('extra').set('tab1', 1)
    tab2.client.doc.getMap('extra').set('tab2', 2)
    await settle()
    // Tab 1 edits offline, then reloads: its local copy (IndexedDB) holds those edits under the old id.
    tab1.client.goOffline(room, tab1.connection)
    tab1.client.doc.getMap('extra').set('note', 'unsent before the reload')
    const reloaded = new FakeClient()
    cleanups.push(() => reloaded.destroy())
    Y.applyUpdate(reloaded.doc, Y.encodeStateAsUpdate(tab1.client.doc))
    expect(reloaded.doc.clientID).not.toBe(tab1.client.doc.clientID)
    reloaded.connectTo(room, member('alice'))
    await settle(10)
    reloaded.doc.getMap('extra').set('after', 'reload')
    await settle(10)
    expect([tab2.client.closed, reloaded.closed]).toEqual([null, null])
    expect(room.doc.getMap('extra').toJSON()).toMatchObject({
      tab1: 1,
      tab2: 2,
      note: 'unsent before the reload',
      after: 'reload',
    })
  })

  it('keeps ids claimed through an invite link writable after that person joins as a member', async () => {
    const room = await load(createMemoryStorage())
    const linkUser = join(room, { boardId: 'board', role: 'member', inviteId: 'invite-x' })
    await settle()
    linkUser.client.doc.getMap('extra').set('before', 'joining')
    await settle()
    linkUser.client.goOffline(room, linkUser.connection)
    linkUser.client.doc.getMap('extra').set('note', 'unsent when joining')
    linkUser.client.connectTo(room, member('dee', { inviteId: 'invite-x' }))
    await settle(10)
    expect(linkUser.client.closed).toBeNull()
    expect(room.doc.getMap('extra').get('note')).toBe('unsent when joining')
    // Someone who joined through another link may not.
    const other = join(room, member('eve', { inviteId: 'invite-y' }))
    await settle()
    other.client.send(updateFrame(forgedUnder(room, linkUser.client.doc.clientID, 'forged')))
    await settle(10)
    expect(other.client.closed?.code).toBe(CLOSE_CODES.forbidden)
  })

  it('gives a client id written before owners were recorded to the first identity writing under it again', async () => {
    const storage = createMemoryStorage()
    // A board whose history holds a client's structs but no owner for them (stored before the upgrade).
    const old = new Y.Doc()
    old.getMap('extra').set('old', 'history')
    await storage.createBoard(
      { id: 'board', title: 'B', createdAt: '2026-01-01T00:00:00.000Z' },
      new Uint8Array([0, 0]),
    )
    await storage.appendUpdate('board', Y.encodeStateAsUpdate(old))
    const room = await load(storage)
    const alice = join(room, member('alice'))
    await settle()
    alice.client.send(updateFrame(forgedUnder(room, old.clientID, 'continued by Alice')))
    await settle(10)
    expect(alice.client.closed).toBeNull()
    expect(room.doc.getMap('extra').get('note')).toBe('continued by Alice')
    const bob = join(room, member('bob'))
    await settle()
    bob.client.send(updateFrame(forgedUnder(room, old.clientID, 'then Bob')))
    await settle(10)
    expect(bob.client.closed?.code).toBe(CLOSE_CODES.forbidden)
  })

  it('does not let one identity claim a client id another identity presents right now', async () => {
    const room = await load(createMemoryStorage())
    const alice = join(room, member('alice'))
    alice.client.awareness.setLocalState({ user: { name: 'Alice' } })
    const bob = join(room, member('bob'))
    await settle(10)
    // Bob saw Alice's client id in presence before she wrote anything: he cannot take it from her.
    expect(bob.client.awareness.getStates().has(alice.client.doc.clientID)).toBe(true)
    bob.client.send(updateFrame(forgedUnder(room, alice.client.doc.clientID, 'forged')))
    await settle(10)
    expect(bob.client.closed?.code).toBe(CLOSE_CODES.forbidden)
    alice.client.doc.getMap('extra').set('note', 'from Alice')
    await settle(10)
    expect(alice.client.closed).toBeNull()
    expect(room.doc.getMap('extra').get('note')).toBe('from Alice')
  })

  it('leaves viewers and owners as they were: a viewer’s write is refused as a viewer’s, an owner writes', async () => {
    const room = await load(createMemoryStorage())
    const viewer = join(room, { boardId: 'board', role: 'viewer', inviteId: 'invite-viewer' })
    const owner = join(room, { boardId: 'board', role: 'owner', inviteId: 'invite-owner' })
    await settle()
    viewer.client.doc.getMap('extra').set('note', 'by a viewer')
    owner.client.doc.getMap('extra').set('owner', 'by the owner')
    await settle(10)
    expect(viewer.client.closed).toEqual({ code: CLOSE_CODES.forbidden, reason: 'viewers cannot edit' })
    expect(owner.client.closed).toBeNull()
    expect(room.doc.getMap('extra').toJSON()).toEqual({ owner: 'by the owner' })
  })
})

describe('owners of Yjs client ids in SQLite', () => {
  const sqliteFile = () => {
    const dir = mkdtempSync(joinPath(tmpdir(), 'tideboard-owners-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    return joinPath(dir, 'tideboard.db')
  }
  const open = (file: string) => {
    const storage = openSqliteStorage(file)
    cleanups.push(() => storage.close())
    return storage
  }

  it('survive a restart: after it, another member’s structs under that id are still refused', async () => {
    const file = sqliteFile()
    const before = open(file)
    await before.createBoard(
      { id: 'board', title: 'B', createdAt: '2026-01-01T00:00:00.000Z' },
      new Uint8Array([0, 0]),
    )
    const first = await load(before)
    const alice = join(first, member('alice'))
    await settle()
    alice.client.doc.getMap('extra').set('first', 'from Alice')
    await until(() => first.doc.getMap('extra').get('first') === 'from Alice')
    const aliceId = alice.client.doc.clientID
    first.destroy()
    await before.close()

    const after = open(file)
    const room = await load(after)
    const bob = join(room, member('bob'))
    await settle()
    bob.client.send(updateFrame(forgedUnder(room, aliceId, 'forged after the restart')))
    await settle(10)
    expect(bob.client.closed?.code).toBe(CLOSE_CODES.forbidden)
    // Alice, reconnecting with the same document, carries on under her id.
    alice.client.connectTo(room, member('alice'))
    await settle()
    alice.client.doc.getMap('extra').set('note', 'from Alice')
    await until(() => room.doc.getMap('extra').get('note') === 'from Alice')
    expect(alice.client.closed).toBeNull()
    expect(await storedNote(after)).toBe('from Alice')
  })

  it('hold across two instances sharing the file: an id claimed on one is refused to others on the other', async () => {
    const file = sqliteFile()
    const one = open(file)
    const two = open(file)
    await one.createBoard(
      { id: 'board', title: 'B', createdAt: '2026-01-01T00:00:00.000Z' },
      new Uint8Array([0, 0]),
    )
    const roomOne = await load(one)
    const roomTwo = await load(two)
    const alice = join(roomOne, member('alice'))
    await settle()
    alice.client.doc.getMap('extra').set('first', 'from Alice')
    await until(() => roomOne.doc.getMap('extra').get('first') === 'from Alice')
    // The second instance has not even seen Alice's edit (no bus here): storage alone decides.
    expect(roomTwo.doc.getMap('extra').get('first')).toBeUndefined()
    const bob = join(roomTwo, member('bob'))
    await settle()
    bob.client.send(updateFrame(forgedUnder(roomOne, alice.client.doc.clientID, 'forged elsewhere')))
    await settle(10)
    expect(bob.client.closed?.code).toBe(CLOSE_CODES.forbidden)
    expect(roomTwo.doc.getMap('extra').get('note')).toBeUndefined()
    // And an instance's server id, once it wrote, is the server's on the other one too.
    await roomTwo.writeAsServer((doc) => doc.getMap('extra').set('server', 'two'))
    const mallory = join(roomOne, member('mallory'))
    await settle()
    mallory.client.send(updateFrame(forgedUnder(roomOne, roomTwo.doc.clientID, 'forged')))
    await settle(10)
    expect(mallory.client.closed?.reason).toBe(`client id ${roomTwo.doc.clientID} is the server's`)
  })
})
