// Restart storm: many stock clients connected over several boards, the server restarted (SIGTERM,
// then started again on the same port); the time until every client has reconnected and synced.

import type { LoadPool } from '../loadPool.js'
import { startSampler } from '../procStats.js'
import { now } from '../protocol.js'
import { freePort, type ServerKind } from '../serverProcess.js'
import { percentiles } from '../stats.js'
import { Target } from '../target.js'

export interface StormOptions {
  clients: number
  clientsPerBoard: number
}

export interface StormFigures {
  clients: number
  downSeconds: number
  /** From the restart signal to each client's resync. */
  p50Seconds: number
  allSeconds: number
  missing: number
  serverCpuPercent: number
}

export async function runRestartStorm(
  kind: ServerKind,
  pool: LoadPool,
  options: StormOptions,
  log: (line: string) => void,
): Promise<StormFigures> {
  const target = await Target.start(kind, { port: await freePort() })
  try {
    const boards = await target.newBoards(Math.ceil(options.clients / options.clientsPerBoard))
    const specs = Array.from({ length: options.clients }, (_, i) => {
      const board = boards[Math.floor(i / options.clientsPerBoard)]!
      return { key: `${kind}-storm-${i}`, wsBase: target.wsBase, room: board.room, token: board.token }
    })
    const opened = await pool.open(specs, 20)
    log(`  ${kind}: ${opened.ok} clients connected`)
    const { done } = await pool.watchResync(60_000)
    const restartAt = now()
    await target.server.stop('SIGTERM')
    const stoppedAt = now()
    await target.server.start()
    const upAt = now()
    const sampler = startSampler(() => (target.server.pid === null ? [] : [target.server.pid]))
    const result = await done
    const usage = sampler.stop()
    const seconds = result.times.map((t) => (t - restartAt) / 1000)
    const p = percentiles(seconds)
    log(
      `  ${kind}: stopped in ${((stoppedAt - restartAt) / 1000).toFixed(2)} s, up again after ${((upAt - restartAt) / 1000).toFixed(2)} s; all ${result.times.length} resynced ${p.max.toFixed(2)} s after the restart (${result.missing} not)`,
    )
    return {
      clients: opened.ok,
      downSeconds: (upAt - restartAt) / 1000,
      p50Seconds: p.p50,
      allSeconds: p.max,
      missing: result.missing,
      serverCpuPercent: usage.cpuPercent,
    }
  } finally {
    await pool.closeClients().catch(() => {})
    await target.dispose()
  }
}
