// Storage in PostgreSQL for several server instances sharing one database. An append is one
// autocommitted statement that bumps the board's counter under its row lock and inserts the row, so a
// board's sequence numbers are never duplicated and are committed in increasing order: a
// reader that has every row up to N has missed none below N. Compaction merges what the database
// holds, so it never drops another instance's rows.

import pg from 'pg'
import { snapshotDigest } from './digest.js'
import { mergeSnapshot } from './mergeSnapshot.js'
import { migrate } from './postgresSchema.js'
import {
  type ActivityRow,
  type DecisionRow,
  type InviteRow,
  type MemberRow,
  toActivity,
  toDecision,
  toInvite,
  toMember,
  toVersion,
  VERSION_COLUMNS,
  type VersionRow,
} from './rows.js'
import type { Storage, StoredDoc } from './storage.js'

export interface PostgresOptions {
  connectionString: string
  /** A schema to keep the tables in (created when missing); the connection's default otherwise. */
  schema?: string
  /** Pool size per instance. */
  max?: number
}

const buffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength)
const bytes = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

/** A schema name safe to splice into SQL (tests make their own). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

export interface PostgresStorage extends Storage {
  readonly pool: pg.Pool
}

export async function openPostgresStorage(options: PostgresOptions): Promise<PostgresStorage> {
  const { schema } = options
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`bad schema name "${schema}"`)
  if (schema !== undefined) {
    const setup = new pg.Client({ connectionString: options.connectionString })
    await setup.connect()
    try {
      // IF NOT EXISTS alone races when instances start together: take turns.
      await setup.query('BEGIN')
      await setup.query(`SELECT pg_advisory_xact_lock(hashtext('tideboard:schema'))`)
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
      await setup.query('COMMIT')
    } finally {
      await setup.end()
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  })
  // An idle client losing its connection (a database restart) must not crash the process.
  pool.on('error', () => {})
  try {
    await migrate(pool)
  } catch (error) {
    await pool.end()
    throw error
  }
  return createPostgresStorage(pool)
}

function createPostgresStorage(pool: pg.Pool): PostgresStorage {
  let open = true
  const query = <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    pool.query<R>(text, values)

  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  }

  return {
    pool,
    async createBoard(board, snapshot) {
      await transaction(async (client) => {
        await client.query('INSERT INTO boards (id, title, created_at) VALUES ($1, $2, $3)', [
          board.id,
          board.title,
          board.createdAt,
        ])
        await client.query(
          'INSERT INTO snapshots (board_id, data, upto_seq, digest) VALUES ($1, $2, 0, $3)',
          [board.id, buffer(snapshot), buffer(snapshotDigest(snapshot))],
        )
      })
    },
    async getBoard(id) {
      const { rows } = await query<{ id: string; title: string; created_at: string }>(
        'SELECT id, title, created_at FROM boards WHERE id = $1',
        [id],
      )
      const row = rows[0]
      return row ? { id: row.id, title: row.title, createdAt: row.created_at } : null
    },
    async countBoards() {
      const { rows } = await query<{ n: string }>('SELECT count(*) AS n FROM boards')
      return Number(rows[0]?.n ?? 0)
    },
    async loadDoc(boardId, afterSeq = 0): Promise<StoredDoc> {
      // One statement, so the snapshot and the rows after it come from one consistent view even
      // while another instance compacts.
      const { rows } = await query<{ kind: number; seq: string; data: Buffer; digest: Buffer | null }>(
        `WITH s AS (SELECT data, upto_seq, digest FROM snapshots WHERE board_id = $1)
         SELECT 0 AS kind, upto_seq AS seq, data, digest FROM s
         UNION ALL
         SELECT 1 AS kind, u.seq, u.data, NULL FROM updates u
          WHERE u.board_id = $1 AND u.seq > GREATEST($2::bigint, COALESCE((SELECT upto_seq FROM s), 0))
         ORDER BY kind, seq`,
        [boardId, afterSeq],
      )
      const first = rows[0]
      const snapshotRow = first && first.kind === 0 ? first : null
      const snapshotSeq = snapshotRow ? Number(snapshotRow.seq) : 0
      const fresh = snapshotRow !== null && (afterSeq === 0 || snapshotSeq > afterSeq)
      return {
        snapshot: fresh ? bytes(snapshotRow.data) : null,
        snapshotSeq,
        snapshotDigest: fresh && snapshotRow.digest !== null ? bytes(snapshotRow.digest) : null,
        updates: rows.filter((r) => r.kind === 1).map((r) => ({ seq: Number(r.seq), data: bytes(r.data) })),
      }
    },
    async appendUpdate(boardId, update) {
      const { rows } = await query<{ seq: string }>(
        `WITH next AS (
           INSERT INTO board_seqs (board_id, last_seq) VALUES ($1, 1)
           ON CONFLICT (board_id) DO UPDATE SET last_seq = board_seqs.last_seq + 1
           RETURNING last_seq
         )
         INSERT INTO updates (board_id, seq, data) SELECT $1, last_seq, $2 FROM next RETURNING seq`,
        [boardId, buffer(update)],
      )
      const seq = rows[0]?.seq
      if (seq === undefined) throw new Error(`append to board ${boardId} returned no sequence number`)
      return Number(seq)
    },
    async compact(boardId, snapshot, uptoSeq) {
      await transaction(async (client) => {
        // The snapshot row lock makes compactions of one board take turns across instances.
        const current = (
          await client.query<{ data: Buffer; upto_seq: string }>(
            'SELECT data, upto_seq FROM snapshots WHERE board_id = $1 FOR UPDATE',
            [boardId],
          )
        ).rows[0]
        const currentSeq = current ? Number(current.upto_seq) : 0
        if (current && currentSeq > uptoSeq) return
        const rows = (
          await client.query<{ data: Buffer }>(
            'SELECT data FROM updates WHERE board_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq',
            [boardId, currentSeq, uptoSeq],
          )
        ).rows
        const merged = mergeSnapshot([
          ...(current ? [bytes(current.data)] : []),
          ...rows.map((r) => bytes(r.data)),
          snapshot,
        ])
        if (merged === null) return
        // The snapshot being replaced becomes the previous generation; only the rows it covers go.
        await client.query(
          `INSERT INTO snapshots (board_id, data, upto_seq, digest) VALUES ($1, $2, $3, $4)
           ON CONFLICT (board_id) DO UPDATE SET prev_data = snapshots.data, prev_upto_seq = snapshots.upto_seq,
             prev_digest = snapshots.digest, data = excluded.data, upto_seq = excluded.upto_seq,
             digest = excluded.digest`,
          [boardId, buffer(merged), uptoSeq, buffer(snapshotDigest(merged))],
        )
        await client.query('DELETE FROM updates WHERE board_id = $1 AND seq <= $2', [boardId, currentSeq])
      })
    },
    async loadPreviousDoc(boardId) {
      const { rows } = await query<{ kind: number; seq: string; data: Buffer; digest: Buffer | null }>(
        `WITH s AS (SELECT prev_data, prev_upto_seq, prev_digest FROM snapshots
                    WHERE board_id = $1 AND prev_upto_seq IS NOT NULL)
         SELECT 0 AS kind, prev_upto_seq AS seq, prev_data AS data, prev_digest AS digest FROM s
         UNION ALL
         SELECT 1 AS kind, u.seq, u.data, NULL FROM updates u
          WHERE u.board_id = $1 AND EXISTS (SELECT 1 FROM s) AND u.seq > (SELECT prev_upto_seq FROM s)
         ORDER BY kind, seq`,
        [boardId],
      )
      const first = rows[0]
      if (first?.kind !== 0) return null
      return {
        snapshot: bytes(first.data),
        snapshotSeq: Number(first.seq),
        snapshotDigest: first.digest === null ? null : bytes(first.digest),
        updates: rows.filter((r) => r.kind === 1).map((r) => ({ seq: Number(r.seq), data: bytes(r.data) })),
      }
    },
    async createInvite(i) {
      await query(
        `INSERT INTO invites (id, board_id, role, function, name, created_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [i.id, i.boardId, i.role, i.function, i.name, i.createdAt, i.revokedAt],
      )
    },
    async getInvite(id) {
      const row = (await query<InviteRow>('SELECT * FROM invites WHERE id = $1', [id])).rows[0]
      return row ? toInvite(row) : null
    },
    async revokeInvite(id, at) {
      const result = await query('UPDATE invites SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        at,
        id,
      ])
      return (result.rowCount ?? 0) > 0
    },
    async listInvites(boardId) {
      const { rows } = await query<InviteRow>(
        'SELECT * FROM invites WHERE board_id = $1 ORDER BY created_at, ord',
        [boardId],
      )
      return rows.flatMap((row) => toInvite(row) ?? [])
    },
    async createMember(m) {
      await query(
        `INSERT INTO members (id, board_id, invite_id, name, role, function, joined_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [m.id, m.boardId, m.inviteId, m.name, m.role, m.function, m.joinedAt, m.revokedAt],
      )
    },
    async getMember(id) {
      const row = (await query<MemberRow>('SELECT * FROM members WHERE id = $1', [id])).rows[0]
      return row ? toMember(row) : null
    },
    async listMembers(boardId) {
      const { rows } = await query<MemberRow>(
        'SELECT * FROM members WHERE board_id = $1 ORDER BY joined_at, ord',
        [boardId],
      )
      return rows.flatMap((row) => toMember(row) ?? [])
    },
    async updateMember(id, role, fn) {
      const result = await query(
        'UPDATE members SET role = $1, function = $2 WHERE id = $3 AND revoked_at IS NULL',
        [role, fn, id],
      )
      return (result.rowCount ?? 0) > 0
    },
    async revokeMember(id, at) {
      const result = await query('UPDATE members SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        at,
        id,
      ])
      return (result.rowCount ?? 0) > 0
    },
    async appendDecision(d) {
      await query(
        `INSERT INTO decisions (id, board_id, card_id, function, verdict, reason, by_id, by_name, at,
         fingerprint, round) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          d.id,
          d.boardId,
          d.cardId,
          d.function,
          d.verdict,
          d.reason,
          d.by,
          d.byName,
          d.at,
          d.fingerprint,
          d.round,
        ],
      )
    },
    async listDecisions(boardId, cardId) {
      const { rows } =
        cardId === undefined
          ? await query<DecisionRow>('SELECT * FROM decisions WHERE board_id = $1 ORDER BY at, ord', [
              boardId,
            ])
          : await query<DecisionRow>(
              'SELECT * FROM decisions WHERE board_id = $1 AND card_id = $2 ORDER BY at, ord',
              [boardId, cardId],
            )
      return rows.map(toDecision)
    },
    async addActivity(e) {
      const { rows } = await query<{ id: string }>(
        `INSERT INTO activity (board_id, at, actor_id, actor_name, card_id, card_title, action)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [e.boardId, e.at, e.actorId, e.actorName, e.cardId, e.cardTitle, JSON.stringify(e.action)],
      )
      return Number(rows[0]?.id)
    },
    async updateActivity(id, changes) {
      await query('UPDATE activity SET at = $1, card_title = $2, action = $3 WHERE id = $4', [
        changes.at,
        changes.cardTitle,
        JSON.stringify(changes.action),
        id,
      ])
    },
    async getActivity(boardId, id) {
      const row = (
        await query<ActivityRow>('SELECT * FROM activity WHERE board_id = $1 AND id = $2', [boardId, id])
      ).rows[0]
      return row ? toActivity(row) : null
    },
    async latestActivity(boardId, cardId) {
      const row = (
        await query<ActivityRow>(
          'SELECT * FROM activity WHERE board_id = $1 AND card_id = $2 ORDER BY at DESC, id DESC LIMIT 1',
          [boardId, cardId],
        )
      ).rows[0]
      return row ? toActivity(row) : null
    },
    async listActivity(boardId, q) {
      const where = ['board_id = $1']
      const params: (string | number)[] = [boardId]
      const param = (value: string | number) => {
        params.push(value)
        return `$${params.length}`
      }
      if (q.actorId !== undefined) where.push(`actor_id = ${param(q.actorId)}`)
      if (q.cardId !== undefined) where.push(`card_id = ${param(q.cardId)}`)
      if (q.before !== undefined) {
        const at = param(q.before.at)
        where.push(`(at < ${at} OR (at = ${at} AND id < ${param(q.before.id)}))`)
      }
      const sql = `SELECT * FROM activity WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT ${param(q.limit)}`
      const { rows } = await query<ActivityRow>(sql, params)
      return rows.flatMap((row) => toActivity(row) ?? [])
    },
    async createVersion(v, state) {
      await query(
        `INSERT INTO versions (id, board_id, name, created_at, created_by, created_by_name, card_count, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [v.id, v.boardId, v.name, v.createdAt, v.createdBy, v.createdByName, v.cardCount, buffer(state)],
      )
    },
    async listVersions(boardId) {
      const { rows } = await query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM versions WHERE board_id = $1 ORDER BY created_at DESC, ord DESC`,
        [boardId],
      )
      return rows.map(toVersion)
    },
    async getVersion(boardId, id) {
      const row = (
        await query<VersionRow & { state: Buffer }>(
          `SELECT ${VERSION_COLUMNS}, state FROM versions WHERE board_id = $1 AND id = $2`,
          [boardId, id],
        )
      ).rows[0]
      return row ? { version: toVersion(row), state: bytes(row.state) } : null
    },
    async claimClientIds(boardId, clientIds, owner) {
      const ids = [...new Set(clientIds)]
      if (ids.length === 0) return new Map()
      const claimed = await query<{ client_id: string }>(
        `INSERT INTO client_owners (board_id, client_id, owner, claimed_at)
         SELECT $1, id, $3, $4 FROM unnest($2::bigint[]) AS id
         ON CONFLICT (board_id, client_id) DO NOTHING RETURNING client_id`,
        [boardId, ids, owner, new Date().toISOString()],
      )
      const owners = new Map(claimed.rows.map((r) => [Number(r.client_id), owner]))
      const taken = ids.filter((id) => !owners.has(id))
      if (taken.length === 0) return owners
      // A second statement: it must see a claim another instance committed while the insert waited
      // on it (the insert's own snapshot does not).
      const { rows } = await query<{ client_id: string; owner: string }>(
        'SELECT client_id, owner FROM client_owners WHERE board_id = $1 AND client_id = ANY($2::bigint[])',
        [boardId, taken],
      )
      for (const row of rows) owners.set(Number(row.client_id), row.owner)
      const missing = taken.filter((id) => !owners.has(id))
      if (missing.length > 0) {
        throw new Error(`claims of client ids ${missing.join(', ')} on board ${boardId} were not recorded`)
      }
      return owners
    },
    async getMeta(key) {
      const row = (await query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]
      return row?.value ?? null
    },
    async setMeta(key, value) {
      await query(
        'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      )
    },
    async getOrCreateMeta(key, value) {
      await query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value])
      const row = (await query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]
      return row?.value ?? value
    },
    isOpen() {
      return open
    },
    async close() {
      if (!open) return
      open = false
      await pool.end()
    },
  }
}
