// Crash cycles: stock y-websocket clients edit a board continuously while the server is SIGKILLed
// at seeded random moments and restarted on the same data directory and port. The server stores an
// update before it sends it anywhere, so after each restart a fresh client must already hold every
// sync step 2 and update frame any client received before the kill, deletions included. The one
// checker for test/crash.test.ts (a few cycles) and `pnpm bench crash` (100 cycles).
//
// Frames are recorded as they come off the socket, not as a client's document events: with gc on,
// a client integrates an item the server sent as deleted when its own concurrent edit (unsent, so
// never stored and never acknowledged) wins, and its update event then carries a deletion the server
// never had. Counting those as lost deletions was the older harness's artefact.

import { addCard, deleteCard, moveCard, readBoard } from '@tideboard/shared'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { type Client, connect, synced } from '../support/yclient.js'
import { type Random, seededRandom } from './random.js'
import { freePort, ServerProcess } from './serverProcess.js'

export interface CrashOptions {
  cycles: number
  seed: number
  writers?: number
  /** How long the clients edit before each kill (uniform in this range). */
  runMs?: [number, number]
  log?: (line: string) => void
}

export interface Loss {
  cycle: number
  frame: string
}

export interface CrashReport {
  seed: number
  cycles: number
  /** Sync step 2 and update frames clients received before a kill, checked after the restart. */
  framesChecked: number
  /** Of those, frames that deleted something. */
  deletionsChecked: number
  /** Cards on the board at the end. */
  cards: number
  /** Received frames with items (insertions) the restarted server lacks. */
  missing: Loss[]
  /** Received frames whose items are all there but whose deletions the restarted server lacks. */
  lostDeletions: Loss[]
  /** The restarted server's output when something was lost (warnings and errors only). */
  serverLog: string
  seconds: number
}

const STAGES = ['acquire', 'activate', 'engage', 'retain', 'expand', 'refer']
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function edit(doc: Y.Doc, random: Random, n: number): void {
  const cards = readBoard(doc).cards
  const roll = random.next()
  if (cards.length < 5 || roll < 0.4) {
    addCard(doc, {
      kind: random.pick(['initiative', 'hypothesis'] as const),
      title: `Card ${n}`,
      stageId: random.pick(STAGES),
    })
  } else if (roll < 0.65) {
    moveCard(doc, { cardId: random.pick(cards).id, toStageId: random.pick(STAGES), index: 0 })
  } else if (roll < 0.9) {
    const card = doc.getMap<unknown>('cards').get(random.pick(cards).id)
    if (card instanceof Y.Map) card.set('title', `Edited ${n}`)
  } else {
    deleteCard(doc, random.pick(cards).id)
  }
}

/** Records the Yjs payload of every sync step 2 and update frame the server sends this client. */
function recordFrames(client: Client, into: Uint8Array[]): void {
  const handlers = (client.provider as unknown as { messageHandlers: ((...args: unknown[]) => void)[] })
    .messageHandlers
  const original = handlers[0]
  if (!original) throw new Error('y-websocket has no sync message handler')
  handlers[0] = (encoder, decoder, ...rest) => {
    const peek = decoding.clone(decoder as decoding.Decoder)
    const type = decoding.readVarUint(peek)
    if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
      into.push(decoding.readVarUint8Array(peek).slice())
    }
    original(encoder, decoder, ...rest)
  }
}

/** Whether applying `update` to the document `held` encodes would change it. */
function changes(held: Uint8Array, update: Uint8Array): boolean {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, held)
  const before = Y.snapshot(doc)
  Y.applyUpdate(doc, update)
  const changed = !Y.equalSnapshots(before, Y.snapshot(doc))
  doc.destroy()
  return changed
}

function describeFrame(update: Uint8Array): string {
  const meta = Y.parseUpdateMeta(update)
  const { ds } = Y.decodeUpdate(update)
  const structs = [...meta.to].map(([client, to]) => `${client}:${meta.from.get(client)}..${to}`)
  const deletes = [...ds.clients].map(
    ([client, items]) => `${client}:${items.map((d) => `${d.clock}+${d.len}`).join(',')}`,
  )
  return `structs ${structs.join(' ') || '-'}; deletes ${deletes.join(' ').slice(0, 200) || '-'}`
}

async function createBoard(server: ServerProcess) {
  const res = await fetch(`${server.http}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Crash board' }),
  })
  if (res.status !== 201) throw new Error(`create board failed: ${res.status}`)
  return (await res.json()) as { id: string; invites: { member: string; viewer: string } }
}

/** Files each frame that would change `held` as missing (items absent) or a lost deletion. */
function fileLosses(report: CrashReport, held: Uint8Array, frames: readonly Uint8Array[], cycle: number) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, held)
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc))
  doc.destroy()
  for (const frame of frames) {
    if (!changes(held, frame)) continue
    const { to } = Y.parseUpdateMeta(frame)
    const lacksItems = [...to].some(([client, clock]) => (sv.get(client) ?? 0) < clock)
    const loss = { cycle, frame: describeFrame(frame) }
    if (lacksItems) report.missing.push(loss)
    else report.lostDeletions.push(loss)
  }
}

export async function runCrashCycles(options: CrashOptions): Promise<CrashReport> {
  const log = options.log ?? (() => {})
  const random = seededRandom(options.seed)
  const [minRun, maxRun] = options.runMs ?? [100, 700]
  const started = performance.now()
  const server = new ServerProcess('tideboard', { port: await freePort() })
  await server.start()
  const clients: Client[] = []
  const frames: Uint8Array[] = []
  let timer: NodeJS.Timeout | null = null
  const report: CrashReport = {
    seed: options.seed,
    cycles: 0,
    framesChecked: 0,
    deletionsChecked: 0,
    cards: 0,
    missing: [],
    lostDeletions: [],
    serverLog: '',
    seconds: 0,
  }
  try {
    const board = await createBoard(server)
    for (let i = 0; i < (options.writers ?? 3); i++) {
      const client = connect(server.ws, board.id, board.invites.member)
      recordFrames(client, frames)
      clients.push(client)
    }
    await Promise.all(clients.map((c) => synced(c)))
    let n = 0
    timer = setInterval(() => {
      for (const c of clients) if (c.provider.wsconnected) edit(c.doc, random, n++)
    }, 4)

    // Every frame received so far, merged: what a fresh client must hold after every restart.
    let everything = Y.mergeUpdates([])
    const history: { cycle: number; frames: Uint8Array[] }[] = []
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      await Promise.all(clients.map((c) => synced(c, 20_000)))
      await sleep(minRun + random.int(maxRun - minRun))
      await server.kill()
      const received = frames.splice(0)
      await server.start()

      const fresh = connect(server.ws, board.id, board.invites.viewer)
      try {
        await synced(fresh, 20_000)
        const held = Y.encodeStateAsUpdate(fresh.doc)
        everything = Y.mergeUpdates([everything, ...received])
        const before = report.missing.length + report.lostDeletions.length
        fileLosses(report, held, received, cycle)
        if (report.missing.length + report.lostDeletions.length === before && changes(held, everything)) {
          // Something held after an earlier restart is gone now: name the frames.
          for (const earlier of history) fileLosses(report, held, earlier.frames, cycle)
        }
        history.push({ cycle, frames: received })
        report.framesChecked += received.length
        report.deletionsChecked += received.filter((f) => Y.decodeUpdate(f).ds.clients.size > 0).length
        report.cards = readBoard(fresh.doc).cards.length
      } finally {
        fresh.destroy()
      }
      report.cycles = cycle
      if (report.missing.length + report.lostDeletions.length > 0 && report.serverLog === '')
        report.serverLog = server.log.slice(-4000)
      log(
        `cycle ${cycle}/${options.cycles}: ${received.length} received frames checked, ${report.cards} cards, ${report.missing.length} missing and ${report.lostDeletions.length} lost deletions so far`,
      )
    }
  } finally {
    if (timer) clearInterval(timer)
    for (const c of clients) c.destroy()
    report.seconds = (performance.now() - started) / 1000
    await server.dispose()
  }
  return report
}
