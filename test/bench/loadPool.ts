// The coordinator's side of the load generators: forks child processes running loadClient.ts,
// spreads clients over them and gathers their figures.

import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ClientSpec, Command, Reply } from './protocol.js'

const ENTRY = fileURLToPath(new URL('./loadClient.ts', import.meta.url))

type ReplyOf<K extends Reply['op']> = Extract<Reply, { op: K }>

class Worker {
  private readonly waiting: ((reply: Reply) => void)[] = []

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: Reply) => {
      const next = this.waiting.shift()
      if (next) next(reply)
    })
  }

  /** Sends a command and resolves with the next reply of kind `expect`. */
  request<K extends Reply['op']>(command: Command, expect: K): Promise<ReplyOf<K>> {
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) => {
        if (reply.op === 'error') reject(new Error(`load worker failed: ${reply.message}`))
        else if (reply.op !== expect) reject(new Error(`load worker replied ${reply.op}, expected ${expect}`))
        else resolve(reply as ReplyOf<K>)
      })
      this.child.send(command)
    })
  }

  /** Waits for one more reply of kind `expect` (for commands that answer twice). */
  next<K extends Reply['op']>(expect: K): Promise<ReplyOf<K>> {
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) => {
        if (reply.op === 'error') reject(new Error(`load worker failed: ${reply.message}`))
        else if (reply.op !== expect) reject(new Error(`load worker replied ${reply.op}, expected ${expect}`))
        else resolve(reply as ReplyOf<K>)
      })
    })
  }
}

export class LoadPool {
  private readonly workers: Worker[]

  constructor(size: number) {
    this.workers = Array.from(
      { length: size },
      () =>
        new Worker(
          fork(ENTRY, [], {
            execArgv: process.execArgv,
            serialization: 'advanced',
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          }),
        ),
    )
  }

  get pids(): number[] {
    return this.workers.map((w) => w.child.pid).filter((pid): pid is number => pid !== undefined)
  }

  /** Opens `specs` round-robin over the workers; each client creates its card once synced. */
  async open(
    specs: readonly ClientSpec[],
    concurrency = 20,
  ): Promise<{ ok: number; failed: number; ms: number }> {
    const shares: ClientSpec[][] = this.workers.map(() => [])
    specs.forEach((spec, i) => {
      shares[i % shares.length]!.push(spec)
    })
    const replies = await Promise.all(
      this.workers.map((w, i) => w.request({ op: 'open', specs: shares[i]!, concurrency }, 'opened')),
    )
    return {
      ok: replies.reduce((n, r) => n + r.ok, 0),
      failed: replies.reduce((n, r) => n + r.failed, 0),
      ms: Math.max(...replies.map((r) => r.ms)),
    }
  }

  async run(
    intervalMs: number,
    durationMs: number,
  ): Promise<{ sentByRoom: Map<string, number>; sent: number }> {
    const replies = await Promise.all(
      this.workers.map((w) => w.request({ op: 'run', intervalMs, durationMs }, 'ran')),
    )
    const sentByRoom = new Map<string, number>()
    for (const reply of replies) {
      for (const [room, n] of Object.entries(reply.sentByRoom))
        sentByRoom.set(room, (sentByRoom.get(room) ?? 0) + n)
    }
    return { sentByRoom, sent: replies.reduce((n, r) => n + r.sent, 0) }
  }

  async collect(): Promise<{ received: number; latencies: Float64Array }> {
    const replies = await Promise.all(this.workers.map((w) => w.request({ op: 'collect' }, 'collected')))
    const total = replies.reduce((n, r) => n + r.latencies.length, 0)
    const latencies = new Float64Array(total)
    let at = 0
    for (const reply of replies) {
      latencies.set(reply.latencies, at)
      at += reply.latencies.length
    }
    return { received: replies.reduce((n, r) => n + r.received, 0), latencies }
  }

  /** Starts watching for every client to reconnect and resync; `done` resolves with the times. */
  async watchResync(timeoutMs: number): Promise<{ done: Promise<{ times: number[]; missing: number }> }> {
    const pending = this.workers.map((w) => {
      const watching = w.request({ op: 'watchResync', timeoutMs }, 'watching')
      const result = w.next('resynced')
      return { watching, result }
    })
    await Promise.all(pending.map((p) => p.watching))
    const done = Promise.all(pending.map((p) => p.result)).then((replies) => ({
      times: replies.flatMap((r) => r.times),
      missing: replies.reduce((n, r) => n + r.missing, 0),
    }))
    return { done }
  }

  async cycles(
    command: Omit<Extract<Command, { op: 'cycles' }>, 'op' | 'count' | 'prefix'>,
    count: number,
    prefix: string,
  ): Promise<{ done: number; failed: number; ms: number }> {
    const share = Math.ceil(count / this.workers.length)
    const replies = await Promise.all(
      this.workers.map((w, i) =>
        w.request(
          {
            op: 'cycles',
            ...command,
            count: Math.max(0, Math.min(share, count - i * share)),
            prefix: `${prefix}${i}`,
          },
          'cycled',
        ),
      ),
    )
    return {
      done: replies.reduce((n, r) => n + r.done, 0),
      failed: replies.reduce((n, r) => n + r.failed, 0),
      ms: Math.max(...replies.map((r) => r.ms)),
    }
  }

  async closeClients(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request({ op: 'close' }, 'closed')))
  }

  async dispose(): Promise<void> {
    await this.closeClients().catch(() => {})
    for (const w of this.workers) w.child.kill()
  }
}
