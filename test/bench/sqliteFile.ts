// Direct access to a stopped (or running) server's SQLite file, through the server's own
// better-sqlite3: for counting log rows in the benchmark and for corrupting rows in tests.

import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT } from './serverProcess.js'

/** The part of better-sqlite3's API used here (its types are the server package's, not ours). */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
}

export interface SqliteDb {
  prepare(sql: string): SqliteStatement
  pragma(sql: string): unknown
  close(): void
}

type DatabaseConstructor = new (file: string) => SqliteDb

const requireFromServer = createRequire(join(ROOT, 'server/package.json'))

export function openDataDirDb(dataDir: string): SqliteDb {
  const Database = requireFromServer('better-sqlite3') as DatabaseConstructor
  return new Database(join(dataDir, 'tideboard.db'))
}

export function countLogRows(dataDir: string, boardId: string): number {
  const db = openDataDirDb(dataDir)
  try {
    const row = db.prepare('SELECT COUNT(*) AS n FROM updates WHERE board_id = ?').get(boardId) as {
      n: number
    }
    return row.n
  } finally {
    db.close()
  }
}
