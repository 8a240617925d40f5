// Embedded storage in one SQLite file (better-sqlite3, WAL). Reads and rare writes run on this
// connection; the log's appends and the activity feed's writes are committed by a worker thread
// (sqliteWriter.ts). Either way, when a write resolves its row is in the WAL and survives a crash of
// this process.

import Database from 'better-sqlite3'
import { snapshotDigest } from './digest.js'
import { mergeSnapshot } from './mergeSnapshot.js'
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
import { SqliteWriter, type WriterWrite } from './sqliteWriter.js'
import type { BoardRecord, InviteRecord, Storage, StoredDoc } from './storage.js'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS updates_by_board ON updates (board_id, seq);
  CREATE TABLE IF NOT EXISTS snapshots (
    board_id TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    upto_seq INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS invites (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    role TEXT NOT NULL,
    function TEXT,
    name TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX IF NOT EXISTS invites_by_board ON invites (board_id);
  CREATE TABLE IF NOT EXISTS members (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    invite_id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    function TEXT,
    joined_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX IF NOT EXISTS members_by_board ON members (board_id);
  CREATE TABLE IF NOT EXISTS decisions (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    function TEXT NOT NULL,
    verdict TEXT NOT NULL,
    reason TEXT NOT NULL,
    by_id TEXT NOT NULL,
    by_name TEXT NOT NULL,
    at TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    round INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS decisions_by_card ON decisions (board_id, card_id);
  CREATE TABLE IF NOT EXISTS activity (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    card_id TEXT NOT NULL,
    card_title TEXT NOT NULL,
    action TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS activity_by_board ON activity (board_id, at, id);
  CREATE INDEX IF NOT EXISTS activity_by_card ON activity (board_id, card_id, at, id);
  CREATE INDEX IF NOT EXISTS activity_by_actor ON activity (board_id, actor_id, at, id);
  CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS versions (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    card_count INTEGER,
    state BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS versions_by_board ON versions (board_id, created_at);
  CREATE TABLE IF NOT EXISTS client_owners (
    board_id TEXT NOT NULL,
    client_id INTEGER NOT NULL,
    owner TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (board_id, client_id)
  );
`

/** better-sqlite3 returns Buffers; hand out plain Uint8Array views of the same bytes. */
function bytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  return new Uint8Array(0)
}

export function openSqliteStorage(file: string): Storage {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // In WAL mode, synchronous=NORMAL makes every committed transaction survive a crash of the
  // process (SIGKILL included): the WAL is written before the statement returns. Only a power
  // loss or OS crash can drop the last transactions, which is the trade-off SQLite recommends.
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.exec(SCHEMA)
  // Added after the first release: the previous snapshot generation, kept as a fallback; later, each
  // generation's SHA-256 (digest.ts), null for snapshots written before. Each column is checked on its
  // own, so a file left between two of these by a crash is completed on the next open.
  const snapshotColumns = new Set(
    db
      .prepare<[], { name: string }>('PRAGMA table_info(snapshots)')
      .all()
      .map((c) => c.name),
  )
  for (const [column, type] of [
    ['prev_data', 'BLOB'],
    ['prev_upto_seq', 'INTEGER'],
    ['digest', 'BLOB'],
    ['prev_digest', 'BLOB'],
  ] as const) {
    if (!snapshotColumns.has(column)) db.exec(`ALTER TABLE snapshots ADD COLUMN ${column} ${type}`)
  }

  const q = {
    insertBoard: db.prepare('INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)'),
    getBoard: db.prepare<[string], { id: string; title: string; created_at: string }>(
      'SELECT id, title, created_at FROM boards WHERE id = ?',
    ),
    countBoards: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM boards'),
    getSnapshot: db.prepare<[string], { data: unknown; upto_seq: number; digest: unknown }>(
      'SELECT data, upto_seq, digest FROM snapshots WHERE board_id = ?',
    ),
    getPrevious: db.prepare<
      [string],
      { prev_data: unknown; prev_upto_seq: number | null; prev_digest: unknown }
    >('SELECT prev_data, prev_upto_seq, prev_digest FROM snapshots WHERE board_id = ?'),
    getUpdates: db.prepare<[string, number], { seq: number; data: unknown }>(
      'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq',
    ),
    getUpdatesBetween: db.prepare<[string, number, number], { data: unknown }>(
      'SELECT data FROM updates WHERE board_id = ? AND seq > ? AND seq <= ? ORDER BY seq',
    ),
    upsertSnapshot: db.prepare(
      `INSERT INTO snapshots (board_id, data, upto_seq, digest) VALUES (?, ?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq,
         digest = excluded.digest`,
    ),
    // The snapshot being replaced becomes the previous generation, in the same statement.
    replaceSnapshot: db.prepare(
      `UPDATE snapshots SET prev_data = data, prev_upto_seq = upto_seq, prev_digest = digest,
         data = ?, upto_seq = ?, digest = ?
       WHERE board_id = ?`,
    ),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
    insertInvite: db.prepare(
      `INSERT INTO invites (id, board_id, role, function, name, created_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    getInvite: db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE id = ?'),
    revokeInvite: db.prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    listInvites: db.prepare<[string], InviteRow>(
      'SELECT * FROM invites WHERE board_id = ? ORDER BY created_at, rowid',
    ),
    insertMember: db.prepare(
      `INSERT INTO members (id, board_id, invite_id, name, role, function, joined_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getMember: db.prepare<[string], MemberRow>('SELECT * FROM members WHERE id = ?'),
    listMembers: db.prepare<[string], MemberRow>(
      'SELECT * FROM members WHERE board_id = ? ORDER BY joined_at, rowid',
    ),
    updateMember: db.prepare('UPDATE members SET role = ?, function = ? WHERE id = ? AND revoked_at IS NULL'),
    revokeMember: db.prepare('UPDATE members SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    insertDecision: db.prepare(
      `INSERT INTO decisions (id, board_id, card_id, function, verdict, reason, by_id, by_name, at,
       fingerprint, round) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    listDecisions: db.prepare<[string], DecisionRow>(
      'SELECT * FROM decisions WHERE board_id = ? ORDER BY at, rowid',
    ),
    listCardDecisions: db.prepare<[string, string], DecisionRow>(
      'SELECT * FROM decisions WHERE board_id = ? AND card_id = ? ORDER BY at, rowid',
    ),
    getActivity: db.prepare<[string, number], ActivityRow>(
      'SELECT * FROM activity WHERE board_id = ? AND id = ?',
    ),
    latestActivity: db.prepare<[string, string], ActivityRow>(
      'SELECT * FROM activity WHERE board_id = ? AND card_id = ? ORDER BY at DESC, id DESC LIMIT 1',
    ),
    insertVersion: db.prepare(
      `INSERT INTO versions (id, board_id, name, created_at, created_by, created_by_name, card_count, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    listVersions: db.prepare<[string], VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM versions WHERE board_id = ? ORDER BY created_at DESC, rowid DESC`,
    ),
    getVersion: db.prepare<[string, string], VersionRow & { state: unknown }>(
      `SELECT ${VERSION_COLUMNS}, state FROM versions WHERE board_id = ? AND id = ?`,
    ),
    claimClientId: db.prepare(
      `INSERT INTO client_owners (board_id, client_id, owner, claimed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (board_id, client_id) DO NOTHING`,
    ),
    clientOwner: db.prepare<[string, number], { owner: string }>(
      'SELECT owner FROM client_owners WHERE board_id = ? AND client_id = ?',
    ),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    insertMetaIfMissing: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
    ),
    setMeta: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  }

  const createBoard = db.transaction((board: BoardRecord, snapshot: Uint8Array) => {
    q.insertBoard.run(board.id, board.title, board.createdAt)
    q.upsertSnapshot.run(board.id, snapshot, 0, snapshotDigest(snapshot))
  })
  const compact = db.transaction((boardId: string, snapshot: Uint8Array, uptoSeq: number) => {
    const current = q.getSnapshot.get(boardId)
    // A snapshot never goes backwards: an older compaction finishing late must not win.
    if (current && current.upto_seq > uptoSeq) return
    const rows = q.getUpdatesBetween.all(boardId, current?.upto_seq ?? 0, uptoSeq)
    const merged = mergeSnapshot([
      ...(current ? [bytes(current.data)] : []),
      ...rows.map((r) => bytes(r.data)),
      snapshot,
    ])
    if (merged === null) return
    const digest = snapshotDigest(merged)
    if (current) q.replaceSnapshot.run(merged, uptoSeq, digest, boardId)
    else q.upsertSnapshot.run(boardId, merged, uptoSeq, digest)
    // Only the rows the previous snapshot covers go: it and the rows after it are the fallback.
    q.deleteUpdates.run(boardId, current?.upto_seq ?? 0)
  })

  // A rare write (once per new client id on a board), so on this connection.
  const claimClientIds = db.transaction((boardId: string, clientIds: readonly number[], owner: string) => {
    const at = new Date().toISOString()
    const owners = new Map<number, string>()
    for (const id of clientIds) {
      q.claimClientId.run(boardId, id, owner, at)
      owners.set(id, q.clientOwner.get(boardId, id)?.owner ?? owner)
    }
    return owners
  })

  // The log's appends and the activity feed's writes go to a thread of their own (sqliteWriter.ts):
  // the writes of one turn of its loop are one transaction, each resolving once it has committed.
  const writer = new SqliteWriter(file)
  const writeSoon = (write: WriterWrite): Promise<number | null> =>
    open ? writer.write(write) : Promise.reject(new Error('storage is closed'))

  let open = true
  return {
    async createBoard(board, snapshot) {
      createBoard(board, snapshot)
    },
    async getBoard(id) {
      const row = q.getBoard.get(id)
      return row ? { id: row.id, title: row.title, createdAt: row.created_at } : null
    },
    async countBoards() {
      return q.countBoards.get()?.n ?? 0
    },
    async loadDoc(boardId, afterSeq = 0): Promise<StoredDoc> {
      const read = db.transaction(() => {
        const snapshot = q.getSnapshot.get(boardId)
        const snapshotSeq = snapshot?.upto_seq ?? 0
        const fresh = snapshot !== undefined && (afterSeq === 0 || snapshotSeq > afterSeq)
        const updates = q.getUpdates
          .all(boardId, Math.max(snapshotSeq, afterSeq))
          .map((r) => ({ seq: r.seq, data: bytes(r.data) }))
        return {
          snapshot: fresh ? bytes(snapshot.data) : null,
          snapshotSeq,
          snapshotDigest: fresh && snapshot.digest !== null ? bytes(snapshot.digest) : null,
          updates,
        }
      })
      return read()
    },
    async appendUpdate(boardId, update) {
      return Number(await writeSoon({ op: 'append', boardId, data: update }))
    },
    async compact(boardId, snapshot, uptoSeq) {
      // IMMEDIATE: the writer thread commits to the same file; a transaction that read first and
      // then wrote would fail, not wait, if the writer committed in between.
      compact.immediate(boardId, snapshot, uptoSeq)
    },
    async loadPreviousDoc(boardId) {
      const read = db.transaction(() => {
        const previous = q.getPrevious.get(boardId)
        if (!previous || previous.prev_upto_seq === null) return null
        const updates = q.getUpdates
          .all(boardId, previous.prev_upto_seq)
          .map((r) => ({ seq: r.seq, data: bytes(r.data) }))
        return {
          snapshot: bytes(previous.prev_data),
          snapshotSeq: previous.prev_upto_seq,
          snapshotDigest: previous.prev_digest === null ? null : bytes(previous.prev_digest),
          updates,
        }
      })
      return read()
    },
    async createInvite(invite) {
      q.insertInvite.run(
        invite.id,
        invite.boardId,
        invite.role,
        invite.function,
        invite.name,
        invite.createdAt,
        invite.revokedAt,
      )
    },
    async getInvite(id): Promise<InviteRecord | null> {
      const row = q.getInvite.get(id)
      return row ? toInvite(row) : null
    },
    async listInvites(boardId) {
      return q.listInvites.all(boardId).flatMap((row) => toInvite(row) ?? [])
    },
    async createMember(m) {
      q.insertMember.run(m.id, m.boardId, m.inviteId, m.name, m.role, m.function, m.joinedAt, m.revokedAt)
    },
    async getMember(id) {
      const row = q.getMember.get(id)
      return row ? toMember(row) : null
    },
    async listMembers(boardId) {
      return q.listMembers.all(boardId).flatMap((row) => toMember(row) ?? [])
    },
    async updateMember(id, role, fn) {
      return q.updateMember.run(role, fn, id).changes > 0
    },
    async revokeMember(id, at) {
      return q.revokeMember.run(at, id).changes > 0
    },
    async appendDecision(d) {
      q.insertDecision.run(
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
      )
    },
    async listDecisions(boardId, cardId) {
      const rows =
        cardId === undefined ? q.listDecisions.all(boardId) : q.listCardDecisions.all(boardId, cardId)
      return rows.map(toDecision)
    },
    async addActivity(e) {
      const activity = { ...e, action: JSON.stringify(e.action) }
      return Number(await writeSoon({ op: 'addActivity', activity }))
    },
    async updateActivity(id, changes) {
      const action = JSON.stringify(changes.action)
      await writeSoon({
        op: 'updateActivity',
        activityId: id,
        at: changes.at,
        cardTitle: changes.cardTitle,
        action,
      })
    },
    async getActivity(boardId, id) {
      const row = q.getActivity.get(boardId, id)
      return row ? toActivity(row) : null
    },
    async latestActivity(boardId, cardId) {
      const row = q.latestActivity.get(boardId, cardId)
      return row ? toActivity(row) : null
    },
    async listActivity(boardId, query) {
      const where = ['board_id = ?']
      const params: (string | number)[] = [boardId]
      if (query.actorId !== undefined) {
        where.push('actor_id = ?')
        params.push(query.actorId)
      }
      if (query.cardId !== undefined) {
        where.push('card_id = ?')
        params.push(query.cardId)
      }
      if (query.before !== undefined) {
        where.push('(at < ? OR (at = ? AND id < ?))')
        params.push(query.before.at, query.before.at, query.before.id)
      }
      const sql = `SELECT * FROM activity WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT ?`
      const rows = db.prepare<(string | number)[], ActivityRow>(sql).all(...params, query.limit)
      return rows.flatMap((row) => toActivity(row) ?? [])
    },
    async revokeInvite(id, at) {
      return q.revokeInvite.run(at, id).changes > 0
    },
    async createVersion(v, state) {
      q.insertVersion.run(
        v.id,
        v.boardId,
        v.name,
        v.createdAt,
        v.createdBy,
        v.createdByName,
        v.cardCount,
        state,
      )
    },
    async listVersions(boardId) {
      return q.listVersions.all(boardId).map(toVersion)
    },
    async getVersion(boardId, id) {
      const row = q.getVersion.get(boardId, id)
      return row ? { version: toVersion(row), state: bytes(row.state) } : null
    },
    async claimClientIds(boardId, clientIds, owner) {
      return claimClientIds(boardId, clientIds, owner)
    },
    async getMeta(key) {
      return q.getMeta.get(key)?.value ?? null
    },
    async setMeta(key, value) {
      q.setMeta.run(key, value)
    },
    async getOrCreateMeta(key, value) {
      q.insertMetaIfMissing.run(key, value)
      return q.getMeta.get(key)?.value ?? value
    },
    isOpen() {
      return open
    },
    async close() {
      if (!open) return
      open = false
      await writer.close()
      db.close()
    },
  }
}
