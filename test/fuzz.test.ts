// Seeded fuzzing of a real server process: thousands of malformed, truncated, oversized and random
// websocket frames from raw `ws` sockets with a valid member token, and random REST bodies, methods
// and tokens on every route. The process must stay up, the room's real clients stay connected and
// keep syncing, every REST error is a 4xx JSON error, and the board survives a restart intact.
// Replay a failure with FUZZ_SEED=<seed printed below>.

import { addCard, readBoard } from '@tideboard/shared'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { type Random, seededRandom, seedFrom } from './bench/random.js'
import { ServerProcess } from './bench/serverProcess.js'
import { type Client, connect, eventually, synced } from './support/yclient.js'

const seed = seedFrom('FUZZ_SEED')
const random = seededRandom(seed)
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3000)
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1500)
const MIB = 1024 * 1024

interface Board {
  id: string
  invites: { owner: string; member: string; viewer: string }
}

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Well-formed messages of every kind a client sends, as seeds for mutation. */
function validMessages(r: Random): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  doc.getMap('fuzz').set(`k${r.int(1000)}`, r.int(1000))
  doc.getText('notes').insert(0, 'fuzzed text')
  doc.getMap('members').set('forged', { role: 'owner' })
  doc.getMap('cards').set('forged-card', new Y.Map())
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState({ user: { name: 'Fuzz' } })
  const sync = (step: number, payload: Uint8Array) =>
    message(0, (e) => {
      encoding.writeVarUint(e, step)
      encoding.writeVarUint8Array(e, payload)
    })
  const out = [
    sync(0, Y.encodeStateVector(doc)),
    sync(1, Y.encodeStateAsUpdate(doc)),
    ...updates.map((u) => sync(2, u)),
    message(1, (e) =>
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])),
    ),
    message(3, () => {}),
  ]
  awareness.destroy()
  doc.destroy()
  return out
}

function varint(e: encoding.Encoder, n: number) {
  encoding.writeVarUint(e, n)
}

/** One fuzzed frame: binary, or a string for a text frame. */
function fuzzFrame(r: Random, valid: Uint8Array[]): Uint8Array | string {
  const base = r.pick(valid)
  switch (r.int(11)) {
    case 0:
      return r.bytes(r.int(64))
    case 1:
      return r.bytes(r.int(4096))
    case 2:
      return base.subarray(0, r.int(base.length))
    case 3: {
      const copy = Uint8Array.from(base)
      for (let i = 0; i < 1 + r.int(3); i++) copy[r.int(copy.length)] = r.int(256)
      return copy
    }
    case 4:
      // A length prefix far past the end of the frame.
      return message(r.int(4), (e) => {
        varint(e, r.int(3))
        varint(e, 2 ** (20 + r.int(11)))
        encoding.writeUint8Array(e, r.bytes(r.int(16)))
      })
    case 5:
      return Array.from({ length: r.int(200) }, () => String.fromCharCode(r.int(0xffff))).join('')
    case 6:
      return r.chance(0.05) ? new Uint8Array(MIB + 1 + r.int(1024)) : r.bytes(r.int(8))
    case 7:
      // A sync step 1 with a random state vector (the server answers with a diff).
      return message(0, (e) => {
        varint(e, 0)
        const sv = encoding.createEncoder()
        const n = r.int(4)
        varint(sv, n)
        for (let i = 0; i < n; i++) {
          varint(sv, r.int(2 ** 31))
          varint(sv, r.int(2 ** 20))
        }
        encoding.writeVarUint8Array(e, encoding.toUint8Array(sv))
      })
    case 8:
      // Awareness with random client ids, clocks and not-quite-JSON states.
      return message(1, (e) => {
        const inner = encoding.createEncoder()
        varint(inner, 1)
        varint(inner, r.int(2 ** 32))
        varint(inner, r.int(2 ** 20))
        encoding.writeVarString(inner, r.pick(['{"user":1}', 'null', '{', '[]', '"x"', '{"a":'.repeat(50)]))
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
      })
    case 9:
      // Unknown message types, and the unused auth message, with payloads.
      return message(r.pick([2, 4, 99, 2 ** 30]), (e) => encoding.writeUint8Array(e, r.bytes(r.int(32))))
    default:
      // Valid messages too: the legal ones keep the socket open for more.
      return base
  }
}

/** Opens a raw socket with `token`, sends `frames`, and waits until it closes or goes quiet. */
function rawSession(wsBase: string, boardId: string, token: string, frames: (Uint8Array | string)[]) {
  return new Promise<number | null>((resolve) => {
    const ws = new WebSocket(`${wsBase}/sync/${boardId}?token=${encodeURIComponent(token)}`)
    let done = false
    const finish = (code: number | null) => {
      if (done) return
      done = true
      clearTimeout(timer)
      ws.terminate()
      resolve(code)
    }
    const timer = setTimeout(() => finish(null), 60)
    ws.on('open', () => {
      for (const frame of frames) if (ws.readyState === WebSocket.OPEN) ws.send(frame)
    })
    ws.on('close', (code) => finish(code))
    ws.on('error', () => finish(null))
  })
}

// ---- REST ----

function randomJson(r: Random, depth = 0): unknown {
  switch (r.int(depth > 3 ? 5 : 8)) {
    case 0:
      return null
    case 1:
      return r.chance(0.5)
    case 2:
      return r.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER])
    case 3:
      return r.pick([
        '',
        'owner',
        'leader',
        'member',
        'viewer',
        'Sales',
        'x'.repeat(300),
        '\u0000',
        '<script>',
      ])
    case 4:
      return String.fromCharCode(...Array.from({ length: r.int(20) }, () => r.int(0xffff)))
    case 5:
      return Array.from({ length: r.int(5) }, () => randomJson(r, depth + 1))
    default: {
      const keys = [
        'title',
        'description',
        'role',
        'function',
        'name',
        'format',
        'board',
        'cards',
        'stages',
        'verdict',
        'reason',
        '__proto__',
        'constructor',
      ]
      const out: Record<string, unknown> = {}
      for (let i = 0; i < r.int(5); i++) out[r.pick(keys)] = randomJson(r, depth + 1)
      return out
    }
  }
}

/** A board file with one part replaced by something random: exercises the import validator deeply. */
function mutatedBoardFile(r: Random, file: unknown): unknown {
  const copy = structuredClone(file) as Record<string, unknown>
  const paths: (string | number)[][] = []
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path)
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i])
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k])
  }
  walk(copy, [])
  for (let n = 0; n < 1 + r.int(3); n++) {
    const path = r.pick(paths)
    if (path.length === 0) continue
    let parent: unknown = copy
    for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)?.[key]
    if (!parent || typeof parent !== 'object') continue
    const last = path.at(-1)!
    if (r.chance(0.3)) delete (parent as Record<string | number, unknown>)[last]
    else (parent as Record<string | number, unknown>)[last] = randomJson(r)
  }
  return copy
}

interface RestFailure {
  request: string
  status: number
  body: string
}

describe(`fuzzing a real server (seed ${seed}, replay with FUZZ_SEED=${seed})`, () => {
  let server: ServerProcess
  let board: Board
  let other: Board
  let boardFile: unknown
  const legit: Client[] = []

  beforeAll(async () => {
    console.log(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed})`)
    server = await new ServerProcess('tideboard').start()
    const create = async (title: string) =>
      (await (
        await fetch(`${server.http}/api/boards`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title }),
        })
      ).json()) as Board
    board = await create('Fuzzed board')
    other = await create('Other board')
    legit.push(
      connect(server.ws, board.id, board.invites.member),
      connect(server.ws, board.id, board.invites.owner),
    )
    await Promise.all(legit.map((c) => synced(c)))
    addCard(legit[0]!.doc, { kind: 'initiative', title: 'Before the fuzz', stageId: 'acquire' })
    const exported = await fetch(`${server.http}/api/boards/${board.id}/export?format=json`, {
      headers: { authorization: `Bearer ${board.invites.owner}` },
    })
    boardFile = await exported.json()
  })

  afterAll(async () => {
    for (const c of legit) c.destroy()
    await server?.dispose()
  })

  it('survives thousands of bad websocket frames while real clients keep syncing', async () => {
    const [a, b] = legit as [Client, Client]
    let written = 0
    const writer = setInterval(() => {
      addCard(a.doc, { kind: 'hypothesis', title: `Legit ${written++}`, stageId: 'engage' })
    }, 40)
    const closeCodes = new Map<string, number>()
    let sent = 0
    try {
      while (sent < FRAMES) {
        const valid = validMessages(random)
        const frames = Array.from({ length: 1 + random.int(8) }, () => fuzzFrame(random, valid))
        sent += frames.length
        const code = await rawSession(server.ws, board.id, board.invites.member, frames)
        const key = String(code ?? 'open')
        closeCodes.set(key, (closeCodes.get(key) ?? 0) + 1)
        if (!server.alive) break
      }
    } finally {
      clearInterval(writer)
    }
    console.log(
      `fuzz: ${sent} websocket frames sent; sockets ended by close code: ${JSON.stringify(Object.fromEntries(closeCodes))}`,
    )
    expect(server.alive, `seed ${seed}: server died\n${server.log}`).toBe(true)
    expect((await fetch(`${server.http}/healthz`)).status).toBe(200)
    expect(a.closes, `seed ${seed}`).toEqual([])
    expect(b.closes, `seed ${seed}`).toEqual([])
    const titles = (c: Client) => new Set(readBoard(c.doc).cards.map((card) => card.title))
    await eventually(
      () => [...titles(a)].every((t) => titles(b).has(t)) && titles(b).has(`Legit ${written - 1}`),
      `seed ${seed}: the other client has every legit card`,
    )
    expect(written).toBeGreaterThan(10)
  })

  it('answers random REST requests on every route with 2xx or a 4xx JSON error, never a 5xx', async () => {
    const tokens = () =>
      random.pick([
        null,
        'garbage',
        board.invites.owner,
        board.invites.member,
        board.invites.viewer,
        other.invites.owner,
        `${board.invites.owner.slice(0, -3)}AAA`,
        'x'.repeat(5000),
      ])
    const routes = [
      ['POST', '/api/boards'],
      ['POST', '/api/boards/import'],
      ['POST', `/api/boards/${board.id}/invites`],
      ['POST', `/api/boards/${board.id}/join`],
      ['GET', `/api/boards/${board.id}`],
      ['GET', `/api/boards/${board.id}/export`],
      ['GET', `/api/boards/${board.id}/members`],
      ['PATCH', `/api/boards/${board.id}/members/m1`],
      ['DELETE', `/api/boards/${board.id}/members/m1`],
      ['DELETE', `/api/boards/${board.id}/invites/i1`],
      ['GET', `/api/boards/${board.id}/decisions`],
      ['POST', `/api/boards/${board.id}/cards/c1/decisions`],
      ['GET', `/api/boards/${board.id}/activity`],
      ['GET', `/sync/${board.id}`],
      ['GET', '/api/nothing-here'],
      ['POST', '/api/boards/%00/invites'],
      ['GET', `/api/boards/${'z'.repeat(500)}`],
    ] as const
    const failures: RestFailure[] = []
    for (let i = 0; i < REQUESTS; i++) {
      const [routeMethod, path] = random.pick(routes)
      const method = random.chance(0.85)
        ? routeMethod
        : random.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
      const query = random.pick([
        '',
        '?format=json',
        '?format=csv',
        '?format=md',
        '?format=pdf',
        '?token=x',
        '?format=',
        '?limit=-1&before=abc',
      ])
      const headers: Record<string, string> = {}
      const token = tokens()
      if (token !== null) headers.authorization = random.chance(0.9) ? `Bearer ${token}` : token
      let body: BodyInit | undefined
      if (method !== 'GET' && method !== 'HEAD') {
        const kind = random.int(6)
        if (kind === 0) body = Buffer.from(random.bytes(random.int(2048)))
        else if (kind === 1) body = ''
        else if (kind === 2) body = 'x'.repeat(70 * 1024)
        else if (kind === 3 && path.endsWith('/import'))
          body = JSON.stringify(mutatedBoardFile(random, boardFile))
        else body = JSON.stringify(randomJson(random))
        headers['content-type'] = random.pick([
          'application/json',
          'text/plain',
          'application/octet-stream',
          'multipart/form-data',
        ])
      }
      const res = await fetch(`${server.http}${path}${query}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      })
      const text = await res.text()
      if (res.status >= 500)
        failures.push({ request: `${method} ${path}${query}`, status: res.status, body: text.slice(0, 300) })
      else if (res.status >= 400) {
        let ok = false
        try {
          const json = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }
          ok = typeof json.error?.code === 'string' && typeof json.error?.message === 'string'
        } catch {}
        if (!ok)
          failures.push({
            request: `${method} ${path}${query}`,
            status: res.status,
            body: text.slice(0, 300),
          })
      }
      if (!server.alive) break
    }
    console.log(`fuzz: ${REQUESTS} REST requests, ${failures.length} bad answers`)
    expect(server.alive, `seed ${seed}: server died\n${server.log}`).toBe(true)
    expect(failures.slice(0, 10), `seed ${seed}`).toEqual([])
  })

  it('keeps the fuzzed board loadable: after a restart a fresh client syncs what the clients had', async () => {
    const [a, b] = legit as [Client, Client]
    // Everything the clients hold has reached the server (each sees the other's last state).
    await eventually(
      () =>
        Buffer.compare(Buffer.from(Y.encodeStateVector(a.doc)), Buffer.from(Y.encodeStateVector(b.doc))) ===
        0,
      'clients converged',
    )
    const expected = JSON.stringify(readBoard(b.doc))
    expect(await server.stop('SIGTERM')).toBe(0)
    await server.start()
    const fresh = connect(server.ws, board.id, board.invites.viewer)
    try {
      await synced(fresh)
      await eventually(
        () => JSON.stringify(readBoard(fresh.doc)) === expected,
        `seed ${seed}: fresh client has the board`,
      )
      expect(readBoard(fresh.doc).cards.map((c) => c.title)).toContain('Before the fuzz')
    } finally {
      fresh.destroy()
    }
  })
})
