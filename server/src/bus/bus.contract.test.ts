// One contract for every Bus: the in-process hub and Redis (needs REDIS_URL; CI sets it). Each Redis
// test uses its own channel prefix, so parallel runs sharing one Redis never hear each other.

import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../log.js'
import type { Bus, BusMessage } from './bus.js'
import { LocalHub } from './local.js'
import { decodeEnvelope, encodeEnvelope } from './message.js'
import { createRedisBus } from './redis.js'

const REDIS_URL = process.env.REDIS_URL
if (!REDIS_URL) console.warn('[bus contract] Redis run SKIPPED: REDIS_URL is not set (CI sets it)')

const opened: Bus[] = []
afterEach(async () => {
  for (const bus of opened.splice(0)) await bus.close()
})

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Opens `n` connected instances of one bus. */
type Backend = (n: number) => Promise<Bus[]>

const local: Backend = async (n) => {
  const hub = new LocalHub()
  const buses = Array.from({ length: n }, () => hub.connect())
  opened.push(...buses)
  return buses
}

const redis =
  (url: string): Backend =>
  async (n) => {
    const prefix = `tbtest-${randomBytes(6).toString('hex')}`
    const buses = Array.from({ length: n }, () => createRedisBus({ url, prefix, logger: silentLogger }))
    opened.push(...buses)
    await until(() => buses.every((b) => b.connected), 'redis bus connected')
    return buses
  }

const backends: [string, Backend | null][] = [
  ['in-process', local],
  ['Redis', REDIS_URL ? redis(REDIS_URL) : null],
]

const update = (seq: number): BusMessage => ({
  kind: 'update',
  boardId: 'b1',
  seq,
  data: new Uint8Array([0, 1, 2, 255, seq % 256]),
})

describe.each(backends)('%s bus contract', (name, backend) => {
  if (!backend) {
    it.skip(`${name}: skipped, REDIS_URL is not set`, () => {})
    return
  }

  it('delivers a message to other instances on the topic, never back to its sender', async () => {
    const [a, b, c] = await backend(3)
    if (!a || !b || !c) throw new Error('no bus')
    const heard: Record<string, BusMessage[]> = { a: [], b: [], c: [] }
    await a.subscribe('board:b1', (m) => heard.a?.push(m))
    await b.subscribe('board:b1', (m) => heard.b?.push(m))
    await c.subscribe('board:other', (m) => heard.c?.push(m))
    expect(a.publish('board:b1', update(7))).toBe(true)
    await until(() => heard.b?.length === 1, 'b hears a')
    expect(heard.b?.[0]).toEqual(update(7))
    await new Promise((r) => setTimeout(r, 50))
    expect(heard.a).toEqual([])
    expect(heard.c).toEqual([])
  })

  it('keeps one publisher’s messages in order and carries every kind intact', async () => {
    const [a, b] = await backend(2)
    if (!a || !b) throw new Error('no bus')
    const heard: BusMessage[] = []
    await b.subscribe('t', (m) => heard.push(m))
    const messages: BusMessage[] = [
      ...Array.from({ length: 50 }, (_, i) => update(i + 1)),
      { kind: 'awareness', boardId: 'b1', data: new Uint8Array([9, 8, 7]) },
      { kind: 'awareness-query', boardId: 'b1' },
      {
        kind: 'control',
        boardId: 'b1',
        event: { type: 'close', target: { memberId: 'm1' }, code: 4403, reason: 'access revoked' },
      },
      {
        kind: 'control',
        boardId: 'b1',
        event: { type: 'role', memberId: 'm1', role: 'viewer', function: null },
      },
      { kind: 'resync' },
    ]
    for (const m of messages) a.publish('t', m)
    await until(() => heard.length === messages.length, 'every message')
    expect(heard).toEqual(messages)
  })

  it('stops delivering after unsubscribe, per handler', async () => {
    const [a, b] = await backend(2)
    if (!a || !b) throw new Error('no bus')
    const first: BusMessage[] = []
    const second: BusMessage[] = []
    const stopFirst = await b.subscribe('t', (m) => first.push(m))
    const stopSecond = await b.subscribe('t', (m) => second.push(m))
    a.publish('t', update(1))
    await until(() => first.length === 1 && second.length === 1, 'both handlers')
    await stopFirst()
    a.publish('t', update(2))
    await until(() => second.length === 2, 'the remaining handler')
    await stopSecond()
    a.publish('t', update(3))
    await new Promise((r) => setTimeout(r, 50))
    expect(first).toHaveLength(1)
    expect(second).toHaveLength(2)
  })
})

describe('bus envelope', () => {
  it('reads back what it wrote and refuses garbage', () => {
    const envelope = encodeEnvelope('instance-1', update(300))
    expect(decodeEnvelope(envelope)).toEqual({ origin: 'instance-1', message: update(300) })
    expect(decodeEnvelope(new Uint8Array([1, 0xff, 0xff]))).toBeNull()
    expect(decodeEnvelope(new Uint8Array([99]))).toBeNull()
  })
})
