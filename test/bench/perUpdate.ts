// What one incoming update costs Tideboard's server, measured in one process with no network and no
// load generator: rooms over a real SQLite file, the activity feed and approvals handler wired as in
// main.ts, and sockets that only count what they are sent. Prints CPU time per update (the whole
// process, SQLite's writer thread included) and the main thread's busy time per update (what delays
// every other message), which a busy machine inflates far less than it inflates latency; profile with
// `node --cpu-prof --conditions=source --import tsx bench/perUpdate.ts` (from test/), or only the
// measured phase with PER_UPDATE_PROFILE=FILE.cpuprofile (summarise it with profileTop.ts).
//
//   node --conditions=source --import tsx bench/perUpdate.ts [boards] [clientsPerBoard] [rounds]

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
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

/** CPU time of this process's main thread (its task in /proc has the process id), in µs. */
function mainThreadCpuMicros(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6
}

/** USER_HZ: /proc reports CPU time in these ticks (100 on Linux). */
const CLOCK_TICKS = 100

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
  const socket = {
    send: () => {
      sent += 1
    },
    close: () => {},
  }
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
  // Until the setup's own writes and broadcasts are over: every card reached the board's others.
  const setupBroadcasts = boards * perBoard * (perBoard - 1)
  for (let last = -1; sent < setupBroadcasts || last !== sent; ) {
    last = sent
    await new Promise((resolve) => setTimeout(resolve, 200))
  }

  const frames: Uint8Array[] = []
  for (let r = 0; r < rounds; r++) {
    for (const client of clients) {
      const before = Y.encodeStateVector(client.doc)
      client.card.set('title', `round ${r}`)
      frames.push(updateFrame(Y.encodeStateAsUpdate(client.doc, before)))
    }
  }
  const owners = frames.map((_, i) => clients[i % clients.length]!)
  const profileFile = process.env.PER_UPDATE_PROFILE
  const session = profileFile ? new Session() : null
  if (session) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  sent = 0
  const expected = frames.length * (perBoard - 1)
  const cpu = process.cpuUsage()
  const mainCpu = mainThreadCpuMicros()
  const started = performance.now()
  for (let i = 0; i < frames.length; i++) {
    owners[i]!.receive(frames[i]!)
    if (i % PER_TURN === PER_TURN - 1) await turn()
  }
  // Until every update has been broadcast to the other clients of its board.
  while (sent < expected && performance.now() - started < 120_000) await turn()
  const used = process.cpuUsage(cpu)
  const mainUsed = mainThreadCpuMicros() - mainCpu
  const wall = performance.now() - started
  if (session && profileFile) {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(profileFile, JSON.stringify(profile))
    session.disconnect()
  }
  const perUpdate = (micros: number) => (micros / frames.length).toFixed(0)
  console.log(
    `${frames.length} updates on ${boards} boards × ${perBoard} clients: ` +
      `${perUpdate(used.user + used.system)} µs CPU per update (all threads), ` +
      `${perUpdate(mainUsed)} µs on the main thread; ` +
      `${(wall / 1000).toFixed(2)} s wall, ${sent} of ${expected} broadcasts`,
  )
  await rooms.shutdown()
  await activity.flush()
  await storage.close()
  rmSync(dir, { recursive: true, force: true })
}

await main()
