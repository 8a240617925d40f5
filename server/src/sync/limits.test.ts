import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { silentLogger } from '../log.js'
import { createMetrics } from '../metrics.js'
import { createMemoryStorage } from '../storage/memory.js'
import { FakeClient, principal, settle } from '../testing/fakeClient.js'
import { checkAwarenessUpdate, DEFAULT_LIMITS, type Limits, RateLimiter } from './limits.js'
import { CLOSE_CODES, Room } from './room.js'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

async function roomWith(limits: Partial<Limits>) {
  const room = await Room.load('board', {
    storage: createMemoryStorage(),
    metrics: createMetrics(),
    logger: silentLogger,
    maxFrameBytes: 1024 * 1024,
    compactEvery: 500,
    limits: { ...DEFAULT_LIMITS, ...limits },
  })
  cleanups.push(() => room.destroy())
  const join = () => {
    const client = new FakeClient()
    cleanups.push(() => client.destroy())
    client.connectTo(room, principal('member'))
    return client
  }
  return { room, join }
}

/** A raw awareness frame (type 1) carrying `entries` as given, for states a real client would not send. */
function presenceFrame(entries: { client: number; clock: number; json: string }[]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(inner, e.client)
    encoding.writeVarUint(inner, e.clock)
    encoding.writeVarString(inner, e.json)
  }
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, 1)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}

describe('RateLimiter', () => {
  it('allows a burst, then the sustained rate', () => {
    const limiter = new RateLimiter(10, 3, 0)
    expect([limiter.take(0), limiter.take(0), limiter.take(0), limiter.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ])
    expect(limiter.take(50)).toBe(false)
    expect(limiter.take(100)).toBe(true)
  })
})

describe('checkAwarenessUpdate', () => {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState({ user: { name: 'Maya' } })

  it('accepts what y-protocols encodes and names the client ids', () => {
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])
    expect(checkAwarenessUpdate(update, 4096)).toEqual({ ok: true, value: [doc.clientID] })
  })

  it('refuses oversized, non-object and malformed states', () => {
    const big = presenceFrame([{ client: 1, clock: 1, json: JSON.stringify({ x: 'a'.repeat(5000) }) }]).slice(
      2,
    )
    expect(checkAwarenessUpdate(big, 4096).ok).toBe(false)
    const list = presenceFrame([{ client: 1, clock: 1, json: '[1,2]' }]).slice(2)
    expect(checkAwarenessUpdate(list, 4096).ok).toBe(false)
    expect(checkAwarenessUpdate(new Uint8Array([1, 5, 1, 9, 123]), 4096).ok).toBe(false)
  })
})

describe('sync socket limits', () => {
  it('closes a connection that sends more messages than the limit allows, with 4429', async () => {
    const { room, join } = await roomWith({ messagesPerSecond: 5, messageBurst: 10 })
    const flooder = join()
    const calm = join()
    await settle()
    const text = flooder.doc.getText('t')
    for (let i = 0; i < 40; i++) text.insert(0, 'x')
    await settle(20)
    expect(flooder.closed).toEqual({ code: CLOSE_CODES.tooManyMessages, reason: 'too many messages' })
    expect(calm.closed).toBeNull()
    expect(room.size).toBe(1)
  })

  it('drops presence beyond its rate without closing the socket', async () => {
    const { room, join } = await roomWith({ awarenessPerSecond: 3 })
    const chatty = join()
    await settle()
    for (let i = 0; i < 10; i++) chatty.awareness.setLocalStateField('cursor', { x: i, y: i })
    await settle(20)
    expect(chatty.closed).toBeNull()
    const seen = room.awareness.getStates().get(chatty.doc.clientID) as { cursor?: { x: number } } | undefined
    // Only the first few made it; the last position (9) was dropped.
    expect(seen?.cursor?.x).toBeLessThan(9)
  })

  it('drops oversized presence and presence for another connection’s client id', async () => {
    const { room, join } = await roomWith({})
    const maya = join()
    const mallory = join()
    maya.awareness.setLocalState({ user: { name: 'Maya' } })
    await settle(20)
    expect(room.awareness.getStates().get(maya.doc.clientID)).toEqual({ user: { name: 'Maya' } })
    // Mallory tries to wipe Maya's presence (a null state with a newer clock) and to post a huge one.
    mallory.send(presenceFrame([{ client: maya.doc.clientID, clock: 99, json: 'null' }]))
    mallory.send(
      presenceFrame([
        { client: mallory.doc.clientID, clock: 5, json: JSON.stringify({ x: 'a'.repeat(5000) }) },
      ]),
    )
    await settle(20)
    expect(room.awareness.getStates().get(maya.doc.clientID)).toEqual({ user: { name: 'Maya' } })
    expect(room.awareness.getStates().has(mallory.doc.clientID)).toBe(false)
    expect(mallory.closed).toBeNull()
  })

  it('closes a connection that stops reading once its backlog passes the limit, with 4408', async () => {
    const { join } = await roomWith({ maxBufferedBytes: 64 * 1024 })
    const writer = join()
    const slow = join()
    let backlog = 0
    const send = slow.socket.send
    slow.socket.send = (data) => {
      backlog += data.length
      send(data)
    }
    slow.socket.bufferedAmount = () => backlog
    await settle()
    writer.doc.getText('t').insert(0, 'y'.repeat(100 * 1024))
    await settle(20)
    expect(slow.closed?.code).toBe(CLOSE_CODES.tooSlow)
    expect(writer.closed).toBeNull()
  })
})
