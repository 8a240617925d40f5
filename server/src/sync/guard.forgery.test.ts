// Hand-made updates a hostile client could send to slip past the guard: copies of items the server
// already has standing in for the real ones, and values encoded with unusual content types.

import { checkClientWrite, touchesOfUpdate } from '@tideboard/shared'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../log.js'
import { createMetrics } from '../metrics.js'
import { createMemoryStorage } from '../storage/memory.js'
import { FakeClient, principal, settle } from '../testing/fakeClient.js'
import { CLOSE_CODES, Room } from './room.js'

/** A V1 update with one GC struct for `client` covering [clock, clock+len), and a delete set. */
function gcUpdate(
  client: number,
  clock: number,
  len: number,
  deletes: [number, number, number][] = [],
): Uint8Array {
  const e = new Y.UpdateEncoderV1()
  encoding.writeVarUint(e.restEncoder, 1)
  encoding.writeVarUint(e.restEncoder, 1)
  e.writeClient(client)
  encoding.writeVarUint(e.restEncoder, clock)
  e.writeInfo(0)
  e.writeLen(len)
  encoding.writeVarUint(e.restEncoder, deletes.length)
  for (const [c, k, l] of deletes) {
    e.resetDsCurVal()
    encoding.writeVarUint(e.restEncoder, c)
    encoding.writeVarUint(e.restEncoder, 1)
    e.writeDsClock(k)
    e.writeDsLen(l)
  }
  return e.toUint8Array()
}

/** A V1 update with one item whose content is ContentJSON, placed right after `origin`. */
function jsonItem(client: number, clock: number, origin: Y.ID, value: unknown): Uint8Array {
  const e = new Y.UpdateEncoderV1()
  encoding.writeVarUint(e.restEncoder, 1)
  encoding.writeVarUint(e.restEncoder, 1)
  e.writeClient(client)
  encoding.writeVarUint(e.restEncoder, clock)
  e.writeInfo(0x80 | 2)
  e.writeLeftID(origin)
  e.writeLen(1)
  e.writeString(JSON.stringify(value))
  encoding.writeVarUint(e.restEncoder, 0)
  return e.toUint8Array()
}

function board() {
  const server = new Y.Doc()
  server.clientID = 1
  const decision = new Y.Map<unknown>()
  decision.set('verdict', 'approve')
  server.getMap('decisions').set('d1', decision)
  const card = new Y.Map<unknown>()
  card.set('status', 'proposed')
  server.getMap('cards').set('c1', card)
  const client = new Y.Doc()
  client.clientID = 2
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client }
}

const check = (server: Y.Doc, update: Uint8Array, role: 'member' | 'viewer' = 'member') => {
  const touches = touchesOfUpdate(server, update)
  return touches.ok ? checkClientWrite(touches.value, role) : touches
}

describe('guard against forged stand-ins and encodings', () => {
  it('resolves a delete against the document even when the update carries a GC copy of those items', () => {
    const { server } = board()
    const state = Y.getState(server.store, 1)
    const forged = gcUpdate(1, 0, state, [[1, 0, state]])
    expect(check(server, forged).ok).toBe(false)
  })

  it('resolves a new item’s neighbour from the document, not from a GC copy in the update', () => {
    const { server, client } = board()
    const sv = Y.encodeStateVector(client)
    ;(client.getMap('decisions').get('d1') as Y.Map<unknown>).set('verdict', 'decline')
    const write = Y.encodeStateAsUpdate(client, sv)
    const forged = Y.mergeUpdates([gcUpdate(1, 0, Y.getState(server.store, 1)), write])
    expect(check(server, forged)).toEqual({
      ok: false,
      error: 'decisions are recorded by the server; clients cannot write them',
    })
  })

  it('sees a status set through ContentJSON as the value it is', () => {
    const { server } = board()
    const card = server.getMap('cards').get('c1') as Y.Map<unknown>
    const statusItem = (card as unknown as { _map: Map<string, Y.Item> })._map.get('status')!
    const forged = jsonItem(2, 0, statusItem.id, 'approved')
    expect(check(server, forged)).toEqual({
      ok: false,
      error: 'a card becomes approved or declined only through leaders’ decisions',
    })
    // And it would really have written it: the value reads back as approved once applied.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server))
    Y.applyUpdate(copy, forged)
    expect((copy.getMap('cards').get('c1') as Y.Map<unknown>).get('status')).toBe('approved')
  })

  it('refuses any change from a viewer, even one that names no place', () => {
    const { server } = board()
    expect(check(server, gcUpdate(3, 0, 10), 'viewer')).toEqual({ ok: false, error: 'viewers cannot edit' })
  })
})

describe('the room checks only what it lacks', () => {
  it('refuses an item overlapping the end of the server’s own history that would rewrite a decision', async () => {
    const room = await Room.load('board', {
      storage: createMemoryStorage(),
      metrics: createMetrics(),
      logger: silentLogger,
      maxFrameBytes: 1024 * 1024,
      compactEvery: 500,
    })
    const decision = new Y.Map<unknown>()
    decision.set('verdict', 'approve')
    room.doc.getMap('decisions').set('d1', decision)
    await settle()
    const client = new FakeClient()
    client.connectTo(room, principal('member'))
    await settle()
    // One item for the server's client id, starting one clock before the server's state: it claims to
    // sit in cards.x, but Yjs would link its new part after the decision's verdict instead.
    const server = room.doc.clientID
    const state = Y.getState(room.doc.store, server)
    const e = new Y.UpdateEncoderV1()
    encoding.writeVarUint(e.restEncoder, 1)
    encoding.writeVarUint(e.restEncoder, 1)
    e.writeClient(server)
    encoding.writeVarUint(e.restEncoder, state - 1)
    e.writeInfo(8 | 0x20)
    e.writeParentInfo(true)
    e.writeString('cards')
    e.writeString('x')
    encoding.writeVarUint(e.restEncoder, 2)
    e.writeAny('a')
    e.writeAny('decline')
    encoding.writeVarUint(e.restEncoder, 0)
    const frame = encoding.createEncoder()
    encoding.writeVarUint(frame, 0)
    encoding.writeVarUint(frame, 2)
    encoding.writeVarUint8Array(frame, e.toUint8Array())
    client.send(encoding.toUint8Array(frame))
    await settle(10)
    expect(client.closed?.code).toBe(CLOSE_CODES.forbidden)
    expect((room.doc.getMap('decisions').get('d1') as Y.Map<unknown>).get('verdict')).toBe('approve')
    client.destroy()
    room.destroy()
  })
})
