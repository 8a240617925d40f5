// Crash cycles: stock y-websocket clients edit a board continuously while the server is SIGKILLed
// at seeded random moments and restarted on the same data directory and port. After each restart a
// fresh client must hold every update any client had received from the server before the kill
// (the server stores an update before it broadcasts it). Shared by test/crash.test.ts (a few
// cycles) and `pnpm bench crash` (100 cycles).

import { addCard, deleteCard, moveCard, readBoard } from '@tideboard/shared'
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

export interface CrashReport {
  seed: number
  cycles: number
  /** Updates received by clients before a kill and checked after the restart. */
  updatesChecked: number
  /** Cards on the board at the end (all checked present after the last restart). */
  cards: number
  /** Received updates whose content (inserted items) the restarted server lacks. */
  missing: { cycle: number; update: string }[]
  /** Received updates whose deletions the restarted server lacks (their items are back). */
  lostDeletions: { cycle: number; update: string }[]
  /** The restarted server's output when something was missing (warnings and errors only). */
  serverLog: string
  seconds: number
}

const STAGES = ['acquire', 'activate', 'engage', 'retain', 'expand', 'refer']

interface Writer {
  client: Client
  received: Uint8Array[]
}

function edit(doc: Y.Doc, random: Random, n: number): void {
  const cards = readBoard(doc).cards
  const roll = random.next()
  if (cards.length < 5 || roll < 0.4) {
    addCard(doc, {
      kind: random.pick(['initiative', 'hypothesis'] as const),
      title: `Card ${n}`,
      stageId: random.pick(STAGES),
    })
  } else if (roll < 0.7) {
    moveCard(doc, { cardId: random.pick(cards).id, toStageId: random.pick(STAGES), index: 0 })
  } else if (roll < 0.95) {
    const card = doc.getMap<unknown>('cards').get(random.pick(cards).id)
    if (card instanceof Y.Map) card.set('title', `Edited ${n}`)
  } else {
    deleteCard(doc, random.pick(cards).id)
  }
}

/** What an update holds, for failure messages: struct ranges and deleted ranges per client. */
function describeUpdate(update: Uint8Array): string {
  const meta = Y.parseUpdateMeta(update)
  const { ds } = Y.decodeUpdate(update)
  const structs = [...meta.to].map(([client, to]) => `${client}:${meta.from.get(client)}..${to}`)
  const deletes = [...ds.clients].map(
    ([client, items]) => `${client}:${items.map((d) => `${d.clock}+${d.len}`).join(',')}`,
  )
  return `structs ${structs.join(' ') || '-'}; deletes ${deletes.join(' ') || '-'}`
}

function stateVectorOf(update: Uint8Array): Map<number, number> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc))
  doc.destroy()
  return sv
}

/** The updates of `received` that would change the integrated document `held` describes. */
function missingFrom(
  held: Uint8Array,
  received: readonly { update: Uint8Array; since: number }[],
): { update: Uint8Array; since: number }[] {
  const probe = (updates: readonly Uint8Array[]) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, held)
    const before = Y.snapshot(doc)
    for (const update of updates) Y.applyUpdate(doc, update)
    const changed = !Y.equalSnapshots(before, Y.snapshot(doc))
    doc.destroy()
    return changed
  }
  if (received.length === 0 || !probe(received.map((r) => r.update))) return []
  return received.filter((r) => probe([r.update]))
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function createBoard(server: ServerProcess) {
  const res = await fetch(`${server.http}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Crash board' }),
  })
  if (res.status !== 201) throw new Error(`create board failed: ${res.status}`)
  return (await res.json()) as { id: string; invites: { member: string; viewer: string } }
}

export async function runCrashCycles(options: CrashOptions): Promise<CrashReport> {
  const log = options.log ?? (() => {})
  const random = seededRandom(options.seed)
  const [minRun, maxRun] = options.runMs ?? [100, 700]
  const started = performance.now()
  const server = new ServerProcess('tideboard', { port: await freePort() })
  await server.start()
  const writers: Writer[] = []
  let timer: NodeJS.Timeout | null = null
  const report: CrashReport = {
    seed: options.seed,
    cycles: 0,
    updatesChecked: 0,
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
      const writer: Writer = { client, received: [] }
      // Only what came from the server counts: a client's own unsent edits were never acknowledged.
      client.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === client.provider) writer.received.push(update)
      })
      writers.push(writer)
    }
    await Promise.all(writers.map((w) => synced(w.client)))
    let n = 0
    timer = setInterval(() => {
      for (const w of writers) if (w.client.provider.wsconnected) edit(w.client.doc, random, n++)
    }, 4)

    let everything: Uint8Array = Y.encodeStateAsUpdate(new Y.Doc())
    const history: { cycle: number; update: Uint8Array }[] = []
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      await Promise.all(writers.map((w) => synced(w.client, 20_000)))
      await sleep(minRun + random.int(maxRun - minRun))
      await server.kill()
      const received = writers.flatMap((w) => w.received.splice(0))
      await server.start()

      const fresh = connect(server.ws, board.id, board.invites.viewer)
      try {
        await synced(fresh, 20_000)
        // What the server holds includes updates it keeps pending (waiting for a missing dependency)
        // and relays as such: a received update counts as present when applying it to everything
        // the fresh client got changes nothing in the integrated document.
        const held = Y.encodeStateAsUpdate(fresh.doc)
        const file = (found: { update: Uint8Array; since: number }[]) => {
          const sv = stateVectorOf(held)
          for (const { update, since } of found) {
            const entry = { cycle, update: `received before kill ${since}: ${describeUpdate(update)}` }
            const { to } = Y.parseUpdateMeta(update)
            const lacksItems = [...to].some(([client, clock]) => (sv.get(client) ?? 0) < clock)
            if (lacksItems) report.missing.push(entry)
            else report.lostDeletions.push(entry)
          }
        }
        file(
          missingFrom(
            held,
            received.map((update) => ({ update, since: cycle })),
          ),
        )
        for (const update of received) history.push({ cycle, update })
        everything = Y.mergeUpdates([everything, ...received])
        if (missingFrom(held, [{ update: everything, since: 0 }]).length > 0) {
          // Something present after an earlier restart is gone: find what, and since when.
          const earlier = history
            .filter((h) => h.cycle < cycle)
            .map(({ cycle: since, update }) => ({ update, since }))
          file(missingFrom(held, earlier))
        }
        report.updatesChecked += received.length
        report.cards = readBoard(fresh.doc).cards.length
      } finally {
        fresh.destroy()
      }
      report.cycles = cycle
      if (report.missing.length + report.lostDeletions.length > 0 && report.serverLog === '')
        report.serverLog = server.log.slice(-4000)
      log(
        `cycle ${cycle}/${options.cycles}: ${received.length} received updates checked, ${report.cards} cards, ${report.missing.length} missing and ${report.lostDeletions.length} lost deletions so far`,
      )
    }
  } finally {
    if (timer) clearInterval(timer)
    for (const w of writers) w.client.destroy()
    report.seconds = (performance.now() - started) / 1000
    await server.dispose()
  }
  return report
}
