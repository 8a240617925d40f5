// A load-generating child process: runs many stock y-websocket clients on the coordinator's
// commands, so that on two cores the load generator is spread over processes and the coordinator
// stays idle. Started by loadPool.ts with fork().

import { BenchClient } from './benchClient.js'
import { type ClientSpec, type Command, now, type Reply } from './protocol.js'
import { Samples } from './stats.js'

// Every WebsocketProvider adds a process exit listener; thousands of clients are expected here.
process.setMaxListeners(0)

let clients: BenchClient[] = []
let latencies = new Samples()
let received = 0
let recording = false

function reply(message: Reply): void {
  process.send?.(message)
}

async function inBatches<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!
      await work(item)
    }
  })
  await Promise.all(runners)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function onReceipt(receipt: { latencyMs: number }): void {
  if (!recording) return
  received += 1
  latencies.push(receipt.latencyMs)
}

async function open(specs: ClientSpec[], concurrency: number): Promise<Reply> {
  const started = now()
  let failed = 0
  await inBatches(specs, concurrency, async (spec) => {
    const client = new BenchClient(spec, onReceipt)
    clients.push(client)
    try {
      await client.synced()
      client.ensureCard()
    } catch {
      failed += 1
    }
  })
  return { op: 'opened', ok: specs.length - failed, failed, ms: now() - started }
}

async function run(intervalMs: number, durationMs: number): Promise<Reply> {
  latencies = new Samples()
  received = 0
  recording = true
  const sentByRoom: Record<string, number> = {}
  let sent = 0
  const end = now() + durationMs
  await Promise.all(
    clients.map(async (client) => {
      await sleep(Math.random() * intervalMs)
      let due = now()
      while (due < end) {
        client.send()
        sent += 1
        sentByRoom[client.spec.room] = (sentByRoom[client.spec.room] ?? 0) + 1
        due += intervalMs
        await sleep(Math.max(0, due - now()))
      }
    }),
  )
  return { op: 'ran', sentByRoom, sent }
}

function watchResync(timeoutMs: number): Promise<Reply> {
  const times: (number | null)[] = clients.map(() => null)
  const cleanups: (() => void)[] = []
  const done = new Promise<Reply>((resolve) => {
    const finish = () => {
      clearTimeout(timer)
      for (const cleanup of cleanups) cleanup()
      const resynced = times.filter((t): t is number => t !== null)
      resolve({ op: 'resynced', times: resynced, missing: times.length - resynced.length })
    }
    const timer = setTimeout(finish, timeoutMs)
    let pending = clients.length
    clients.forEach((client, i) => {
      let sawClose = false
      const onStatus = ({ status }: { status: string }) => {
        if (status === 'disconnected') sawClose = true
      }
      const onSync = (isSynced: boolean) => {
        if (!isSynced || !sawClose || times[i] !== null) return
        times[i] = now()
        pending -= 1
        if (pending === 0) finish()
      }
      client.provider.on('status', onStatus)
      client.provider.on('sync', onSync)
      cleanups.push(() => {
        client.provider.off('status', onStatus)
        client.provider.off('sync', onSync)
      })
    })
  })
  return done
}

async function cycles(command: Extract<Command, { op: 'cycles' }>): Promise<Reply> {
  const started = now()
  let failed = 0
  const indices = Array.from({ length: command.count }, (_, i) => i)
  await inBatches(indices, command.concurrency, async (i) => {
    const key = `${command.prefix}-${i}`
    let room = `cycle-${key}`
    let token: string | null = null
    try {
      if (command.kind === 'tideboard') {
        const res = await fetch(`${command.http}/api/boards`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Cycle ${key}` }),
        })
        if (res.status !== 201) throw new Error(`create board: ${res.status}`)
        const board = (await res.json()) as { id: string; invites: { member: string } }
        room = board.id
        token = board.invites.member
      }
      const client = new BenchClient({ key, wsBase: command.wsBase, room, token }, () => {})
      try {
        await client.synced(10_000)
        client.ensureCard()
        client.send()
        await sleep(5)
      } finally {
        client.destroy()
      }
    } catch {
      failed += 1
    }
  })
  return { op: 'cycled', done: command.count - failed, failed, ms: now() - started }
}

async function handle(command: Command): Promise<Reply> {
  switch (command.op) {
    case 'open':
      return open(command.specs, command.concurrency)
    case 'run':
      return run(command.intervalMs, command.durationMs)
    case 'collect': {
      recording = false
      const reply: Reply = { op: 'collected', received, latencies: latencies.toArray() }
      latencies = new Samples()
      received = 0
      return reply
    }
    case 'watchResync': {
      const result = watchResync(command.timeoutMs)
      reply({ op: 'watching' })
      return result
    }
    case 'cycles':
      return cycles(command)
    case 'close':
      for (const client of clients) client.destroy()
      clients = []
      return { op: 'closed' }
  }
}

process.on('message', (command: Command) => {
  handle(command).then(reply, (error: unknown) =>
    reply({ op: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  )
})
process.on('disconnect', () => process.exit(0))
