// The SQLite storage's hot writes — every sync update appended to a board's log, and the activity
// feed's entries — are committed by a worker thread on its own connection (sqliteWriterThread.ts), so
// the statements, the commits and SQLite's WAL checkpoints (tens of milliseconds now and then) never
// stop the server's event loop. A write's promise resolves once the transaction holding it has
// committed: the row is in the WAL and survives a crash of the process, as before. The thread starts
// with the first write and is started again if it ever stops.

import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ActivityRecord } from './storage.js'

/** An activity row as the thread writes it: the action already as JSON. */
export type ActivityInsert = Omit<ActivityRecord, 'id' | 'action'> & { action: string }

export type WriterWrite =
  | { op: 'append'; boardId: string; data: Uint8Array }
  | { op: 'addActivity'; activity: ActivityInsert }
  | { op: 'updateActivity'; activityId: number; at: string; cardTitle: string; action: string }

export type WriterRequest = WriterWrite & { id: number }

export type WriterResult =
  | { id: number; ok: true; value: number | null }
  | { id: number; ok: false; error: string }

export type WriterReply = { kind: 'results'; results: WriterResult[] } | { kind: 'closed' }

interface Pending {
  resolve: (value: number | null) => void
  reject: (error: Error) => void
}

/**
 * Starts the thread: the compiled file next to this one or, when the server runs from its TypeScript
 * sources (tests, `pnpm dev`), the source file, loaded through tsx's hooks registered in the thread.
 */
function startThread(file: string): Worker {
  const options = { workerData: { file } }
  const compiled = new URL('./sqliteWriterThread.js', import.meta.url)
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, options)
  // What `import 'tsx/esm/api'` resolves to (its ESM build: the CommonJS one cannot register ESM hooks
  // from here); resolved from this package, since the thread's own code has no location to resolve from.
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href
  const source = new URL('./sqliteWriterThread.ts', import.meta.url).href
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}) })`
  return new Worker(boot, { ...options, eval: true })
}

export class SqliteWriter {
  private worker: Worker | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly outbox: WriterRequest[] = []
  private closed = false

  constructor(private readonly file: string) {}

  write(write: WriterWrite): Promise<number | null> {
    if (this.closed) return Promise.reject(new Error('storage is closed'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const thread = this.thread()
      // Held while a write is unanswered, so that a process waiting for one does not exit under it.
      if (this.pending.size === 0) thread.ref()
      this.pending.set(id, { resolve, reject })
      // The writes of one turn of the loop go in one message (a message costs a copy and a wake-up).
      if (this.outbox.push({ ...write, id }) === 1) setImmediate(() => this.post())
    })
  }

  /** Commits what was sent, then stops the thread. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.post()
    const worker = this.worker
    if (!worker) return
    // Kept alive until it has committed and closed its connection.
    worker.ref()
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve())
      worker.postMessage({ kind: 'close' })
    })
  }

  private post(): void {
    if (this.outbox.length === 0) return
    const requests = this.outbox.splice(0)
    this.thread().postMessage({ kind: 'write', requests })
  }

  private thread(): Worker {
    if (this.worker) return this.worker
    const worker = startThread(this.file)
    worker.on('message', (reply: WriterReply) => {
      if (reply.kind !== 'results') return
      for (const result of reply.results) {
        const pending = this.pending.get(result.id)
        if (!pending) continue
        this.pending.delete(result.id)
        if (result.ok) pending.resolve(result.value)
        else pending.reject(new Error(result.error))
      }
      if (this.pending.size === 0) worker.unref()
    })
    const stopped = (why: string) => {
      if (this.worker !== worker) return
      this.worker = null
      // Whatever it had not answered may or may not be stored: its callers are told it failed.
      this.outbox.length = 0
      for (const [id, pending] of this.pending) {
        this.pending.delete(id)
        pending.reject(new Error(`SQLite writer stopped: ${why}`))
      }
    }
    worker.on('error', (error) => stopped(error.message))
    worker.on('exit', (code) => stopped(`exit code ${code}`))
    this.worker = worker
    return worker
  }
}
