// Moving a board set from SQLite to PostgreSQL: copies every board with its snapshot and update log
// (sequence numbers kept), invites, members, decisions, activity, named versions, the owners of Yjs
// client ids and meta, plus the token secret so every invite link and personal token keeps working.
// One transaction: a failed copy leaves nothing behind. A target that already holds boards is refused rather than merged into.

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type pg from 'pg'
import { SECRET_META_KEY } from '../auth/secret.js'
import { openPostgresStorage } from '../storage/postgres.js'

export interface CopyOptions {
  /** The DATA_DIR holding tideboard.db (and the secret). */
  from: string
  /** postgres://… */
  to: string
  /** Tables in a schema of their own (tests). */
  schema?: string
}

export interface CopySummary {
  boards: number
  updates: number
  snapshots: number
  invites: number
  members: number
  decisions: number
  activity: number
  versions: number
  client_owners: number
  meta: number
  secret: boolean
  /** Tables found in the SQLite file that this version does not know how to copy. */
  skippedTables: string[]
}

export type CopyResult = { ok: true; value: CopySummary } | { ok: false; error: string }

/** The tables this version copies, in copy order (boards before what refers to them). */
const TABLES = [
  'boards',
  'snapshots',
  'updates',
  'invites',
  'members',
  'decisions',
  'activity',
  'versions',
  'client_owners',
  'meta',
] as const
const KNOWN_TABLES: readonly string[] = TABLES

/** Columns copied per table, in the order both schemas share. */
const COLUMNS: Record<string, string[]> = {
  boards: ['id', 'title', 'created_at'],
  snapshots: ['board_id', 'data', 'upto_seq', 'digest'],
  updates: ['board_id', 'seq', 'data'],
  invites: ['id', 'board_id', 'role', 'function', 'name', 'created_at', 'revoked_at'],
  members: ['id', 'board_id', 'invite_id', 'name', 'role', 'function', 'joined_at', 'revoked_at'],
  decisions: [
    'id',
    'board_id',
    'card_id',
    'function',
    'verdict',
    'reason',
    'by_id',
    'by_name',
    'at',
    'fingerprint',
    'round',
  ],
  activity: ['id', 'board_id', 'at', 'actor_id', 'actor_name', 'card_id', 'card_title', 'action'],
  versions: ['id', 'board_id', 'name', 'created_at', 'created_by', 'created_by_name', 'card_count', 'state'],
  client_owners: ['board_id', 'client_id', 'owner', 'claimed_at'],
  meta: ['key', 'value'],
}

export async function copyToPostgres(options: CopyOptions): Promise<CopyResult> {
  const file = join(options.from, 'tideboard.db')
  if (!existsSync(file)) return { ok: false, error: `no SQLite database at ${file}` }
  const sqlite = new Database(file, { readonly: true, fileMustExist: true })
  const storage = await openPostgresStorage({
    connectionString: options.to,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    max: 2,
  })
  try {
    const existing = await storage.countBoards()
    if (existing > 0) {
      return {
        ok: false,
        error: `the target database already holds ${existing} board(s); refusing to copy into it. Use an empty database.`,
      }
    }
    const tables = sqlite
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((t) => t.name)
    const summary: CopySummary = {
      boards: 0,
      updates: 0,
      snapshots: 0,
      invites: 0,
      members: 0,
      decisions: 0,
      activity: 0,
      versions: 0,
      client_owners: 0,
      meta: 0,
      secret: false,
      skippedTables: tables.filter((t) => !KNOWN_TABLES.includes(t)),
    }
    const client = await storage.pool.connect()
    try {
      await client.query('BEGIN')
      for (const table of TABLES) {
        if (!tables.includes(table)) continue
        summary[table] = await copyTable(sqlite, client, table)
      }
      // Appends continue after the highest sequence number copied.
      await client.query(
        `INSERT INTO board_seqs (board_id, last_seq)
         SELECT board_id, max(seq) FROM (
           SELECT board_id, seq FROM updates UNION ALL SELECT board_id, upto_seq FROM snapshots
         ) s GROUP BY board_id
         ON CONFLICT (board_id) DO UPDATE SET last_seq = GREATEST(board_seqs.last_seq, excluded.last_seq)`,
      )
      await client.query(
        `SELECT setval(pg_get_serial_sequence('activity', 'id'), GREATEST((SELECT max(id) FROM activity), 1))`,
      )
      const secretFile = join(options.from, 'secret')
      if (existsSync(secretFile)) {
        await client.query(
          'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          [SECRET_META_KEY, readFileSync(secretFile).toString('base64')],
        )
        summary.secret = true
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
    return { ok: true, value: summary }
  } finally {
    sqlite.close()
    await storage.close()
  }
}

/** Copies one table in insertion order (rowid), so orderings that fall back on it are kept. */
async function copyTable(sqlite: Database.Database, client: pg.PoolClient, table: string): Promise<number> {
  // A file from an older version may lack columns added since (they stay null in PostgreSQL).
  const present = new Set(
    sqlite
      .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
      .all()
      .map((c) => c.name),
  )
  const columns = (COLUMNS[table] ?? []).filter((c) => present.has(c))
  const rows = sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY rowid`).iterate()
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(', ')
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`
  let count = 0
  for (const row of rows as Iterable<Record<string, unknown>>) {
    await client.query(
      sql,
      columns.map((c) => row[c]),
    )
    count += 1
  }
  return count
}
