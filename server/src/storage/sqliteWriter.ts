// The SQLite storage's hot writes — every sync update appended to a board's log, and the activity
// feed's entries — are committed by a worker thread on its own connection (sqliteWriterThread.ts), so
// the statements, the commits and SQLite's WAL checkpoints (tens of milliseconds now and then) never
// stop the server's event loop. A write's promise resolves once the transaction holding it has
// committed: the row is in the WAL and survives a crash of the process, as before. The thread starts
// with the first write and is started again if it ever stops.
//
// Writes travel as bytes (one buffer per turn, handed over without a copy) and results as a
// Float64Array: cloning an array of objects cost the server's loop about 13 µs a message, a buffer 5.

import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { ActivityRecord } from './storage.js'

/** An activity row as the thread writes it: the action already as JSON. */
export type ActivityInsert = Omit<ActivityRecord, 'id' | 'action'> & { action: string }

export type WriterWrite =
  | { op: 'append'; boardId: string; data: Uint8Array }
  | { op: 'addActivity'; activity: ActivityInsert }
  | { op: 'updateActivity'; activityId: number; at: string; cardTitle: string; action: string }

export type WriterRequest = WriterWrite & { id: number }

const OP_APPEND = 0
const OP_ADD_ACTIVITY = 1
const OP_UPDATE_ACTIVITY = 2

/** Appends one request to a batch being encoded for the thread. */
export function encodeRequest(encoder: encoding.Encoder, id: number, write: WriterWrite): void {
  encoding.writeVarUint(encoder, id)
  switch (write.op) {
    case 'append':
      encoding.writeVarUint(encoder, OP_APPEND)
      encoding.writeVarString(encoder, write.boardId)
      encoding.writeVarUint8Array(encoder, write.data)
      return
    case 'addActivity': {
      const a = write.activity
      encoding.writeVarUint(encoder, OP_ADD_ACTIVITY)
      for (const text of [a.boardId, a.at, a.actorId, a.actorName, a.cardId, a.cardTitle, a.action])
        encoding.writeVarString(encoder, text)
      return
    }
    case 'updateActivity':
      encoding.writeVarUint(encoder, OP_UPDATE_ACTIVITY)
      encoding.writeVarUint(encoder, write.activityId)
      encoding.writeVarString(encoder, write.at)
      encoding.writeVarString(encoder, write.cardTitle)
      encoding.writeVarString(encoder, write.action)
      return
  }
}

/** The requests of a batch, in the order they were encoded (the thread's side of encodeRequest). */
export function decodeRequests(batch: Uint8Array): WriterRequest[] {
  const decoder = decoding.createDecoder(batch)
  const requests: WriterRequest[] = []
  while (decoding.hasContent(decoder)) {
    const id = decoding.readVarUint(decoder)
    const op = decoding.readVarUint(decoder)
    if (op === OP_APPEND) {
      const boardId = decoding.readVarString(decoder)
      requests.push({ id, op: 'append', boardId, data: decoding.readVarUint8Array(decoder) })
    } else if (op === OP_ADD_ACTIVITY) {
      const [boardId, at, actorId, actorName, cardId, cardTitle, action] = Array.from({ length: 7 }, () =>
        decoding.readVarString(decoder),
      ) as [string, string, string, string, string, string, string]
      requests.push({
        id,
        op: 'addActivity',
        activity: { boardId, at, actorId, actorName, cardId, cardTitle, action },
      })
    } else if (op === OP_UPDATE_ACTIVITY) {
      const activityId = decoding.readVarUint(decoder)
      const at = decoding.readVarString(decoder)
      const cardTitle = decoding.readVarString(decoder)
      requests.push({
        id,
        op: 'updateActivity',
        activityId,
        at,
        cardTitle,
        action: decoding.readVarString(decoder),
      })
    } else {
      throw new RangeError(`unknown writer operation ${op}`)
    }
  }
  return requests
}

/**
 * What the thread answers for one committed batch: `ok` holds pairs of request id and value (NaN for
 * a write with no value), `failed` the writes that failed with why.
 */
export type WriterReply =
  | { kind: 'results'; ok: Float64Array; failed: { id: number; error: string }[] }
  | { kind: 'closed' }

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
  /** The writes of this turn, encoded for the thread. */
  private outbox = encoding.createEncoder()
  private queued = 0
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
      encodeRequest(this.outbox, id, write)
      if (++this.queued === 1) setImmediate(() => this.post())
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
    if (this.queued === 0) return
    const batch = encoding.toUint8Array(this.outbox)
    this.outbox = encoding.createEncoder()
    this.queued = 0
    // Handed over, not copied: the buffer is this batch's alone.
    this.thread().postMessage({ kind: 'write', batch }, [batch.buffer])
  }

  private thread(): Worker {
    if (this.worker) return this.worker
    const worker = startThread(this.file)
    worker.on('message', (reply: WriterReply) => {
      if (reply.kind !== 'results') return
      const { ok, failed } = reply
      for (let i = 0; i < ok.length; i += 2) {
        const id = ok[i]!
        const pending = this.pending.get(id)
        if (!pending) continue
        this.pending.delete(id)
        const value = ok[i + 1]!
        pending.resolve(Number.isNaN(value) ? null : value)
      }
      for (const { id, error } of failed) {
        const pending = this.pending.get(id)
        if (!pending) continue
        this.pending.delete(id)
        pending.reject(new Error(error))
      }
      if (this.pending.size === 0) worker.unref()
    })
    const stopped = (why: string) => {
      if (this.worker !== worker) return
      this.worker = null
      // Whatever it had not answered may or may not be stored: its callers are told it failed.
      this.outbox = encoding.createEncoder()
      this.queued = 0
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
