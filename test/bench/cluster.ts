// Cross-instance figures: two Tideboard instances on one PostgreSQL and one Redis. A writer on
// instance A edits; receivers on A (same instance) and on B (one Redis hop away) timestamp arrival, so
// the hop's added latency is the difference. Hot board: one board, many clients. Many boards: one
// writer on A and one reader on B per board. Self-contained: `runClusterBench()` starts and stops
// everything it uses; run alone with
//   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx test/bench/cluster.ts

import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { freshDatabase, uniquePrefix, waitForMetric } from '../support/cluster.js'
import { createBoard, TestServer } from '../support/server.js'
import { type Client, connect, synced } from '../support/yclient.js'

export interface ClusterBenchOptions {
  databaseUrl: string
  redisUrl: string
  /** Hot board: clients per instance, and edits made by the one writer. */
  hotClientsPerInstance?: number
  hotEdits?: number
  /** Many boards: boards, and edits per board. */
  boards?: number
  editsPerBoard?: number
  /** Pause between the hot writer's edits. */
  intervalMs?: number
  /** Pause between rounds of many-boards edits (one edit per board per round). */
  roundIntervalMs?: number
}

export interface LatencyFigures {
  samples: number
  p50: number
  p95: number
  p99: number
}

export interface ClusterBenchFigures {
  hot: { sameInstance: LatencyFigures; crossInstance: LatencyFigures; addedP50: number; addedP99: number }
  manyBoards: { crossInstance: LatencyFigures; editsPerSecond: number }
}

function figures(values: number[]): LatencyFigures {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  const round = (v: number) => Math.round(v * 100) / 100
  return { samples: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)) }
}

/** Records, per edit key, when `client` first saw it. */
function watch(client: Client, sentAt: Map<string, number>, into: number[]): void {
  client.doc.getMap('bench').observe((event) => {
    const now = performance.now()
    for (const key of event.keysChanged) {
      const sent = sentAt.get(key)
      if (sent !== undefined) into.push(now - sent)
    }
  })
}

async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('bench timed out waiting for edits to arrive')
    await new Promise((r) => setTimeout(r, 10))
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function runClusterBench(options: ClusterBenchOptions): Promise<ClusterBenchFigures> {
  const {
    hotClientsPerInstance = 10,
    hotEdits = 300,
    boards = 50,
    editsPerBoard = 20,
    intervalMs = 5,
    roundIntervalMs = 100,
  } = options
  const database = await freshDatabase(options.databaseUrl)
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: uniquePrefix(),
    LOG_LEVEL: 'warn',
  }
  const servers = await Promise.all([new TestServer({ env }).start(), new TestServer({ env }).start()])
  const [a, b] = servers
  const clients: Client[] = []
  try {
    await Promise.all(servers.map((s) => waitForMetric(s, 'tideboard_bus_connected', (v) => v === 1)))

    // Hot board.
    const hot = await createBoard(a, 'Hot board')
    const onA = Array.from({ length: hotClientsPerInstance }, () => connect(a.ws, hot.id, hot.invites.member))
    const onB = Array.from({ length: hotClientsPerInstance }, () => connect(b.ws, hot.id, hot.invites.member))
    clients.push(...onA, ...onB)
    await Promise.all(clients.map((c) => synced(c, 30_000)))
    const sentAt = new Map<string, number>()
    const same: number[] = []
    const cross: number[] = []
    const writer = onA[0]
    if (!writer) throw new Error('no writer')
    for (const c of onA.slice(1)) watch(c, sentAt, same)
    for (const c of onB) watch(c, sentAt, cross)
    for (let i = 0; i < hotEdits; i++) {
      const key = `hot-${i}`
      sentAt.set(key, performance.now())
      writer.doc.getMap('bench').set(key, i)
      await sleep(intervalMs)
    }
    await until(() => same.length >= hotEdits * (onA.length - 1) && cross.length >= hotEdits * onB.length)
    const sameFigures = figures(same)
    const crossFigures = figures(cross)
    for (const c of clients.splice(0)) c.destroy()

    // Many boards, one writer on A and one reader on B each.
    const made = await Promise.all(Array.from({ length: boards }, (_, i) => createBoard(a, `Board ${i}`)))
    const pairs = made.map((board) => ({
      writer: connect(a.ws, board.id, board.invites.member),
      reader: connect(b.ws, board.id, board.invites.viewer),
    }))
    clients.push(...pairs.flatMap((p) => [p.writer, p.reader]))
    await Promise.all(clients.map((c) => synced(c, 30_000)))
    const manySent = new Map<string, number>()
    const many: number[] = []
    for (const pair of pairs) watch(pair.reader, manySent, many)
    const started = performance.now()
    for (let round = 0; round < editsPerBoard; round++) {
      pairs.forEach((pair, i) => {
        const key = `b${i}-${round}`
        manySent.set(key, performance.now())
        pair.writer.doc.getMap('bench').set(key, round)
      })
      await sleep(roundIntervalMs)
    }
    await until(() => many.length >= boards * editsPerBoard)
    const seconds = (performance.now() - started) / 1000

    return {
      hot: {
        sameInstance: sameFigures,
        crossInstance: crossFigures,
        addedP50: Math.round((crossFigures.p50 - sameFigures.p50) * 100) / 100,
        addedP99: Math.round((crossFigures.p99 - sameFigures.p99) * 100) / 100,
      },
      manyBoards: {
        crossInstance: figures(many),
        editsPerSecond: Math.round((boards * editsPerBoard) / seconds),
      },
    }
  } finally {
    for (const c of clients) c.destroy()
    await Promise.all(servers.map((s) => s.dispose()))
    await database.drop()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const databaseUrl = process.env.DATABASE_URL
  const redisUrl = process.env.REDIS_URL
  if (!databaseUrl || !redisUrl) {
    console.error('set DATABASE_URL and REDIS_URL')
    process.exit(1)
  }
  runClusterBench({ databaseUrl, redisUrl }).then(
    (result) => {
      console.log(JSON.stringify(result, null, 2))
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
