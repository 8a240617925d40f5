// What one incoming update costs Tideboard's server, measured in one process with no network and no
// load generator: rooms over a real SQLite file, the activity feed and approvals handler wired as in
// main.ts, and sockets that only count what they are sent. Prints CPU time per update, which a busy
// machine inflates far less than it inflates latency; profile it with
// `node --cpu-prof --conditions=source --import tsx bench/perUpdate.ts` (from test/).
//
//   node --conditions=source --import tsx bench/perUpdate.ts [boards] [clientsPerBoard] [rounds]

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ActivityLog,
  cardsChangedHandler,
  createMetrics,
  openSqliteStorage,
  Rooms,
  silentLogger,
} from '@tideboard/server'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

const [boards = 300, perBoard = 3, rounds = 20] = process.argv.slice(2).map(Number)
const MESSAGE_SYNC = 0
/** Messages handed to the server per event-loop turn (the many-boards scenario sees a few per turn). */
const PER_TURN = 4

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tideboard-per-update-'))
  const storage = openSqliteStorage(join(dir, 'tideboard.db'))
  const activity = new ActivityLog(storage, silentLogger)
  const rooms = new Rooms({
    storage,
    metrics: createMetrics(),
    logger: silentLogger,
    maxFrameBytes: 1024 * 1024,
    compactEvery: 500,
    idleMs: 60_000,
    onCardsChanged: cardsChangedHandler({ activity, logger: silentLogger }),
  })
  await rooms.start()
  let sent = 0
  const socket = { send: () => void (sent += 1), close: () => {} }
  // Each client: its own document, and a connection to its board; each edits its own card's title.
  const clients: { doc: Y.Doc; card: Y.Map<unknown>; receive: (frame: Uint8Array) => void }[] = []
  for (let b = 0; b < boards; b++) {
    const boardId = `perupdateboard${String(b).padStart(3, '0')}`
    for (let c = 0; c < perBoard; c++) {
      const doc = new Y.Doc()
      const handle = rooms.connect(boardId, socket, { boardId, role: 'member', inviteId: `invite-${c}` })
      const card = new Y.Map<unknown>()
      doc.getMap('cards').set(`card-${c}`, card)
      card.set('kind', 'initiative')
      card.set('title', 'start')
      card.set('position', { stageId: 'acquire', order: 'a0' })
      card.set('status', 'idea')
      handle.receive(updateFrame(Y.encodeStateAsUpdate(doc)))
      clients.push({ doc, card, receive: (frame) => handle.receive(frame) })
    }
  }
  for (let i = 0; i < 50; i++) await turn()

  const frames: Uint8Array[] = []
  for (let r = 0; r < rounds; r++) {
    for (const client of clients) {
      const before = Y.encodeStateVector(client.doc)
      client.card.set('title', `round ${r}`)
      frames.push(updateFrame(Y.encodeStateAsUpdate(client.doc, before)))
    }
  }
  const owners = frames.map((_, i) => clients[i % clients.length]!)
  sent = 0
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < frames.length; i++) {
    owners[i]!.receive(frames[i]!)
    if (i % PER_TURN === PER_TURN - 1) await turn()
  }
  for (let i = 0; i < 20; i++) await turn()
  const used = process.cpuUsage(cpu)
  const wall = performance.now() - started
  const micros = (used.user + used.system) / frames.length
  console.log(
    `${frames.length} updates on ${boards} boards × ${perBoard} clients: ${micros.toFixed(0)} µs CPU per update ` +
      `(user ${(used.user / frames.length).toFixed(0)}, system ${(used.system / frames.length).toFixed(0)}), ` +
      `${(wall / 1000).toFixed(2)} s wall, ${sent} messages sent`,
  )
  await rooms.shutdown()
  await activity.flush()
  await storage.close()
  rmSync(dir, { recursive: true, force: true })
}

await main()
