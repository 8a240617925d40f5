// Memory: RSS per idle connection and per loaded board, RSS after many open/edit/close cycles on
// fresh boards, and how long an idle board stays loaded after its last client left.

import { INSPECT_ARGS, retainedMemory } from '../inspector.js'
import type { LoadPool } from '../loadPool.js'
import { readProc } from '../procStats.js'
import type { ClientSpec } from '../protocol.js'
import type { ServerKind } from '../serverProcess.js'
import { Target } from '../target.js'

export interface MemoryOptions {
  idleConnections: number
  loadedBoards: number
  cycles: number
  warmupCycles: number
}

export interface MemoryFigures {
  baseRssMiB: number
  perConnectionKiB: number
  perBoardKiB: number
  cycleStartRssMiB: number
  cycleEndRssMiB: number
  cycleRatio: number
  /** After a full garbage collection (what is retained), before and after the cycles. */
  retainedStartRssMiB: number
  retainedEndRssMiB: number
  retainedRatio: number
  heapStartMiB: number
  heapEndMiB: number
  cyclesDone: number
  cyclesFailed: number
  cycleSeconds: number
  /** Seconds from the last client leaving to the board being unloaded (null: never, by design). */
  idleUnloadSeconds: number | null
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const MIB = 1024 * 1024

function rss(target: Target): number {
  if (target.server.pid === null) throw new Error('server not running')
  return readProc(target.server.pid).rssBytes
}

export async function runMemory(
  kind: ServerKind,
  pool: LoadPool,
  options: MemoryOptions,
  log: (line: string) => void,
): Promise<MemoryFigures> {
  // Short idle time so cycled boards unload promptly; the default is measured separately below.
  const target = await Target.start(kind, { env: { ROOM_IDLE_MS: '1000' }, nodeArgs: INSPECT_ARGS })
  try {
    const spec = (key: string, board: { room: string; token: string | null }): ClientSpec => ({
      key,
      wsBase: target.wsBase,
      room: board.room,
      token: board.token,
    })
    // Loaded boards first, on a fresh process: each with one client, per board = board + its client.
    const boards = await target.newBoards(options.loadedBoards)
    await sleep(2000)
    const base = rss(target)
    await pool.open(
      boards.map((b, i) => spec(`${kind}-board-${i}`, b)),
      20,
    )
    await sleep(3000)
    const perBoard = (rss(target) - base) / options.loadedBoards
    await pool.closeClients()
    await sleep(3000)

    // Idle connections on one board, measured from where the process is now.
    const hub = await target.newBoard('Idle connections')
    await pool.open([spec(`${kind}-hub`, hub)])
    await sleep(2000)
    const beforeConnections = rss(target)
    await pool.open(
      Array.from({ length: options.idleConnections }, (_, i) => spec(`${kind}-idle-${i}`, hub)),
      20,
    )
    await sleep(3000)
    const perConnection = (rss(target) - beforeConnections) / options.idleConnections
    await pool.closeClients()
    log(
      `  ${kind}: ${(perConnection / 1024).toFixed(1)} KiB per idle connection, ${(perBoard / 1024).toFixed(1)} KiB per loaded board`,
    )

    const cycle = { kind, http: target.server.http, wsBase: target.wsBase, concurrency: 8 }
    await pool.cycles(cycle, options.warmupCycles, 'warm')
    await sleep(4000)
    const start = rss(target)
    const retainedStart = await retainedMemory(target.server)
    const cycled = await pool.cycles(cycle, options.cycles, 'cycle')
    await sleep(5000)
    const end = rss(target)
    const retainedEnd = await retainedMemory(target.server)
    log(
      `  ${kind}: ${cycled.done} cycles in ${(cycled.ms / 1000).toFixed(1)} s; RSS ${(start / MIB).toFixed(0)} → ${(end / MIB).toFixed(0)} MiB; after a full GC RSS ${(retainedStart.rssBytes / MIB).toFixed(0)} → ${(retainedEnd.rssBytes / MIB).toFixed(0)} MiB, heap used ${(retainedStart.heapUsedBytes / MIB).toFixed(1)} → ${(retainedEnd.heapUsedBytes / MIB).toFixed(1)} MiB`,
    )
    const figures: MemoryFigures = {
      baseRssMiB: base / MIB,
      perConnectionKiB: perConnection / 1024,
      perBoardKiB: perBoard / 1024,
      cycleStartRssMiB: start / MIB,
      cycleEndRssMiB: end / MIB,
      cycleRatio: end / start,
      retainedStartRssMiB: retainedStart.rssBytes / MIB,
      retainedEndRssMiB: retainedEnd.rssBytes / MIB,
      retainedRatio: retainedEnd.rssBytes / retainedStart.rssBytes,
      heapStartMiB: retainedStart.heapUsedBytes / MIB,
      heapEndMiB: retainedEnd.heapUsedBytes / MIB,
      cyclesDone: cycled.done,
      cyclesFailed: cycled.failed,
      cycleSeconds: cycled.ms / 1000,
      idleUnloadSeconds: null,
    }
    if (kind === 'tideboard') figures.idleUnloadSeconds = await idleUnloadSeconds(pool, log)
    return figures
  } finally {
    await pool.closeClients().catch(() => {})
    await target.dispose()
  }
}

/** With the default ROOM_IDLE_MS: seconds from the last client closing to the room unloading. */
async function idleUnloadSeconds(pool: LoadPool, log: (line: string) => void): Promise<number | null> {
  const target = await Target.start('tideboard')
  try {
    const board = await target.newBoard('Idle board')
    await pool.open([{ key: 'idle-unload', wsBase: target.wsBase, room: board.room, token: board.token }])
    await sleep(500)
    const loaded = await target.metric('tideboard_rooms_loaded')
    await pool.closeClients()
    const closedAt = performance.now()
    for (;;) {
      const now = await target.metric('tideboard_rooms_loaded')
      if (now !== null && loaded !== null && now < loaded) break
      if (performance.now() - closedAt > 120_000) return null
      await sleep(200)
    }
    const seconds = (performance.now() - closedAt) / 1000
    log(`  tideboard: idle board unloaded ${seconds.toFixed(1)} s after its last client left`)
    return seconds
  } finally {
    await target.dispose()
  }
}
