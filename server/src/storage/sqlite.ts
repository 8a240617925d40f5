// Embedded storage in one SQLite file (better-sqlite3, WAL). Writes are synchronous: when
// appendUpdate resolves, the row is in the WAL and survives a crash of this process.

import Database from 'better-sqlite3'
import { isRole } from '../auth/roles.js'
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
  CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
`

interface InviteRow {
  id: string
  board_id: string
  role: string
  function: string | null
  name: string | null
  created_at: string
  revoked_at: string | null
}

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

  const q = {
    insertBoard: db.prepare('INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)'),
    getBoard: db.prepare<[string], { id: string; title: string; created_at: string }>(
      'SELECT id, title, created_at FROM boards WHERE id = ?',
    ),
    countBoards: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM boards'),
    getSnapshot: db.prepare<[string], { data: unknown; upto_seq: number }>(
      'SELECT data, upto_seq FROM snapshots WHERE board_id = ?',
    ),
    getUpdates: db.prepare<[string, number], { seq: number; data: unknown }>(
      'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq',
    ),
    append: db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)'),
    upsertSnapshot: db.prepare(
      `INSERT INTO snapshots (board_id, data, upto_seq) VALUES (?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq`,
    ),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
    insertInvite: db.prepare(
      `INSERT INTO invites (id, board_id, role, function, name, created_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    getInvite: db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE id = ?'),
    revokeInvite: db.prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  }

  const createBoard = db.transaction((board: BoardRecord, snapshot: Uint8Array) => {
    q.insertBoard.run(board.id, board.title, board.createdAt)
    q.upsertSnapshot.run(board.id, snapshot, 0)
  })
  const compact = db.transaction((boardId: string, snapshot: Uint8Array, uptoSeq: number) => {
    const current = q.getSnapshot.get(boardId)
    // A snapshot never goes backwards: an older compaction finishing late must not win.
    if (current && current.upto_seq > uptoSeq) return
    q.upsertSnapshot.run(boardId, snapshot, uptoSeq)
    q.deleteUpdates.run(boardId, uptoSeq)
  })

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
    async loadDoc(boardId): Promise<StoredDoc> {
      const snapshot = q.getSnapshot.get(boardId)
      const snapshotSeq = snapshot?.upto_seq ?? 0
      const updates = q.getUpdates.all(boardId, snapshotSeq).map((r) => ({ seq: r.seq, data: bytes(r.data) }))
      return { snapshot: snapshot ? bytes(snapshot.data) : null, snapshotSeq, updates }
    },
    async appendUpdate(boardId, update) {
      return Number(q.append.run(boardId, update).lastInsertRowid)
    },
    async compact(boardId, snapshot, uptoSeq) {
      compact(boardId, snapshot, uptoSeq)
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
      if (!row || !isRole(row.role)) return null
      return {
        id: row.id,
        boardId: row.board_id,
        role: row.role,
        function: row.function,
        name: row.name,
        createdAt: row.created_at,
        revokedAt: row.revoked_at,
      }
    },
    async revokeInvite(id, at) {
      return q.revokeInvite.run(at, id).changes > 0
    },
    async getMeta(key) {
      return q.getMeta.get(key)?.value ?? null
    },
    async setMeta(key, value) {
      q.setMeta.run(key, value)
    },
    isOpen() {
      return open
    },
    async close() {
      if (!open) return
      open = false
      db.close()
    },
  }
}
