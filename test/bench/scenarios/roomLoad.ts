// Hot board and many boards: clients spread over rooms each edit their own card at a fixed rate;
// every other client in the room records send→receipt delay. Run against both servers in turn.

import type { LoadPool } from '../loadPool.js'
import { startSampler } from '../procStats.js'
import type { ClientSpec } from '../protocol.js'
import type { ServerKind } from '../serverProcess.js'
import { percentiles } from '../stats.js'
import { Target } from '../target.js'

export interface RoomLoadOptions {
  rooms: number
  clientsPerRoom: number
  /** Updates per second per client. */
  rate: number
  seconds: number
  /** Clients opened at once per load process. */
  openConcurrency: number
}

export interface RoomLoadFigures {
  opened: number
  failedToOpen: number
  openSeconds: number
  sent: number
  expected: number
  received: number
  dropped: number
  deliveredPerSecond: number
  sentPerSecond: number
  p50: number
  p95: number
  p99: number
  max: number
  serverCpuPercent: number
  serverRssPeakMiB: number
  loadCpuPercent: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function runRoomLoad(
  kind: ServerKind,
  pool: LoadPool,
  options: RoomLoadOptions,
  log: (line: string) => void,
): Promise<RoomLoadFigures> {
  const target = await Target.start(kind)
  try {
    const boards = await target.newBoards(options.rooms)
    const specs: ClientSpec[] = []
    boards.forEach((board, b) => {
      for (let c = 0; c < options.clientsPerRoom; c++) {
        specs.push({ key: `${kind}-${b}-${c}`, wsBase: target.wsBase, room: board.room, token: board.token })
      }
    })
    const opened = await pool.open(specs, options.openConcurrency)
    log(
      `  ${kind}: ${opened.ok} clients open in ${(opened.ms / 1000).toFixed(1)} s (${opened.failed} failed)`,
    )
    await sleep(1500)
    const server = startSampler(() => (target.server.pid === null ? [] : [target.server.pid]))
    const load = startSampler(() => pool.pids)
    const ran = await pool.run(1000 / options.rate, options.seconds * 1000)
    const serverUsage = server.stop()
    const loadUsage = load.stop()
    await sleep(2000)
    const collected = await pool.collect()
    const perRoom = options.clientsPerRoom
    let expected = 0
    for (const n of ran.sentByRoom.values()) expected += n * (perRoom - 1)
    const p = percentiles(collected.latencies)
    await pool.closeClients()
    return {
      opened: opened.ok,
      failedToOpen: opened.failed,
      openSeconds: opened.ms / 1000,
      sent: ran.sent,
      expected,
      received: collected.received,
      dropped: Math.max(0, expected - collected.received),
      deliveredPerSecond: collected.received / options.seconds,
      sentPerSecond: ran.sent / options.seconds,
      p50: p.p50,
      p95: p.p95,
      p99: p.p99,
      max: p.max,
      serverCpuPercent: serverUsage.cpuPercent,
      serverRssPeakMiB: serverUsage.rssPeakBytes / 1024 / 1024,
      loadCpuPercent: loadUsage.cpuPercent,
    }
  } finally {
    await pool.closeClients().catch(() => {})
    await target.dispose()
  }
}
