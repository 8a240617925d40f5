// Hot board and many boards: clients spread over rooms each edit their own card at a fixed rate;
// every other client in the room records send→receipt delay. Run against both servers in turn.

import { join } from 'node:path'
import { INSPECT_ARGS, PROFILE_DIR, profiled } from '../inspector.js'
import type { LoadPool } from '../loadPool.js'
import { startSampler } from '../procStats.js'
import type { ClientSpec } from '../protocol.js'
import type { ServerKind, ServerProcessOptions } from '../serverProcess.js'
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
  /** How the server is started (e.g. `nodeArgs: ['--cpu-prof']` to profile it). */
  server?: ServerProcessOptions
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
  /** Tideboard's own event-loop delay while the clients sent (null for the reference server). */
  serverLoopDelayP99: number | null
  serverLoopDelayMax: number | null
}

const LOOP_DELAY = ['nodejs_eventloop_lag_p99_seconds', 'nodejs_eventloop_lag_max_seconds'] as const

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function runRoomLoad(
  kind: ServerKind,
  pool: LoadPool,
  options: RoomLoadOptions,
  log: (line: string) => void,
): Promise<RoomLoadFigures> {
  const profiling = PROFILE_DIR !== null && kind === 'tideboard'
  const serverOptions = profiling
    ? { ...options.server, nodeArgs: [...(options.server?.nodeArgs ?? []), ...INSPECT_ARGS] }
    : options.server
  const target = await Target.start(kind, serverOptions)
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
    // A scrape restarts the event-loop delay histogram: the next one covers the sending alone.
    await target.metrics(LOOP_DELAY)
    const send = () => pool.run(1000 / options.rate, options.seconds * 1000)
    const ran = profiling
      ? await profiled(
          target.server,
          join(PROFILE_DIR!, `rooms-${options.rooms}x${options.clientsPerRoom}.cpuprofile`),
          send,
        )
      : await send()
    const [loopP99, loopMax] = await target.metrics(LOOP_DELAY)
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
      serverLoopDelayP99: loopP99 == null ? null : loopP99 * 1000,
      serverLoopDelayMax: loopMax == null ? null : loopMax * 1000,
    }
  } finally {
    await pool.closeClients().catch(() => {})
    await target.dispose()
  }
}
