// What the server needs from persistence. Asynchronous so that PostgreSQL can implement it later;
// the SQLite implementation answers synchronously underneath.

import type { Role } from '../auth/roles.js'

export interface BoardRecord {
  id: string
  title: string
  createdAt: string
}

export interface StoredUpdate {
  seq: number
  data: Uint8Array
}

/** A board's document as stored: the latest snapshot and every update appended after it. */
export interface StoredDoc {
  snapshot: Uint8Array | null
  /** The last update sequence number the snapshot covers (0 when there is none). */
  snapshotSeq: number
  updates: StoredUpdate[]
}

export interface InviteRecord {
  id: string
  boardId: string
  role: Role
  function: string | null
  name: string | null
  createdAt: string
  revokedAt: string | null
}

export interface Storage {
  /** Creates the board row and its first snapshot together. */
  createBoard(board: BoardRecord, snapshot: Uint8Array): Promise<void>
  getBoard(id: string): Promise<BoardRecord | null>
  countBoards(): Promise<number>
  loadDoc(boardId: string): Promise<StoredDoc>
  /**
   * Appends one update to the board's log and resolves with its sequence number once it is durable
   * (survives a crash of this process): callers apply and broadcast only after that.
   */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>
  /** Replaces the snapshot and deletes the log rows it covers (seq <= uptoSeq), atomically. */
  compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>
  createInvite(invite: InviteRecord): Promise<void>
  getInvite(id: string): Promise<InviteRecord | null>
  revokeInvite(id: string, at: string): Promise<boolean>
  getMeta(key: string): Promise<string | null>
  setMeta(key: string, value: string): Promise<void>
  isOpen(): boolean
  close(): Promise<void>
}
