// The thread behind sqliteWriter.ts: its own connection to the SQLite file commits the writes it is
// sent, all of one turn of its event loop in one transaction (each in its own savepoint, so one
// failure fails alone), and answers once that transaction has committed. WAL checkpoints, which
// SQLite runs on the commit that crosses its threshold, happen here too, off the server's loop.

import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { decodeRequests, type WriterReply, type WriterRequest } from './sqliteWriter.js'

const port = parentPort
if (!port) throw new Error('sqliteWriterThread runs as a worker thread')

const db = new Database((workerData as { file: string }).file)
// The same settings as the main connection (sqlite.ts), which created the schema.
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.pragma('busy_timeout = 5000')

const SQL = {
  append: 'INSERT INTO updates (board_id, data) VALUES (?, ?)',
  addActivity: `INSERT INTO activity (board_id, at, actor_id, actor_name, card_id, card_title, action)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  updateActivity: 'UPDATE activity SET at = ?, card_title = ?, action = ? WHERE id = ?',
} as const

// Prepared on first use, so a statement that cannot be prepared fails its own writes, not the thread.
const statements = new Map<keyof typeof SQL, Database.Statement>()
function statement(op: keyof typeof SQL): Database.Statement {
  let prepared = statements.get(op)
  if (!prepared) {
    prepared = db.prepare(SQL[op])
    statements.set(op, prepared)
  }
  return prepared
}

function run(request: WriterRequest): number | null {
  switch (request.op) {
    case 'append':
      return Number(statement('append').run(request.boardId, request.data).lastInsertRowid)
    case 'addActivity': {
      const a = request.activity
      const row = [a.boardId, a.at, a.actorId, a.actorName, a.cardId, a.cardTitle, a.action]
      return Number(statement('addActivity').run(...row).lastInsertRowid)
    }
    case 'updateActivity':
      statement('updateActivity').run(request.at, request.cardTitle, request.action, request.activityId)
      return null
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** One batch's answers as they are collected: see WriterReply. */
interface Results {
  ok: number[]
  failed: { id: number; error: string }[]
}

const inSavepoint = db.transaction((request: WriterRequest) => run(request))
// IMMEDIATE: take the write lock first, so a read by the main connection in between cannot make the
// transaction's later write fail instead of waiting.
const commitAll = db.transaction((batch: WriterRequest[], results: Results) => {
  for (const request of batch) {
    try {
      results.ok.push(request.id, inSavepoint(request) ?? Number.NaN)
    } catch (error) {
      results.failed.push({ id: request.id, error: describe(error) })
    }
  }
}).immediate

function reply({ ok, failed }: Results): void {
  const values = Float64Array.from(ok)
  const message: WriterReply = { kind: 'results', ok: values, failed }
  port?.postMessage(message, [values.buffer])
}

let queued: WriterRequest[] = []
let closing = false

function commitQueued(): void {
  const batch = queued
  queued = []
  if (batch.length === 0 || !db.open) return
  const results: Results = { ok: [], failed: [] }
  try {
    commitAll(batch, results)
  } catch (error) {
    // The transaction itself failed (the commit, or the lock not granted): nothing of it is stored.
    reply({ ok: [], failed: batch.map((r) => ({ id: r.id, error: describe(error) })) })
    return
  }
  reply(results)
}

port.on('message', (message: { kind: 'write'; batch: Uint8Array } | { kind: 'close' }) => {
  if (message.kind === 'close') {
    closing = true
    if (queued.length > 0) commitQueued()
    db.close()
    port.postMessage({ kind: 'closed' } satisfies WriterReply)
    port.close()
    return
  }
  if (closing) return
  if (queued.length === 0) setImmediate(commitQueued)
  for (const request of decodeRequests(message.batch)) queued.push(request)
})
