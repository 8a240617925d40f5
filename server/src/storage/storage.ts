// What the server needs from persistence, asynchronous so that SQLite (synchronous underneath),
// PostgreSQL and memory implement the same contract, proven by one test suite run against all three.

import type { ActivityAction, DecisionRecord } from '@tideboard/shared'
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
  /**
   * The snapshot's SHA-256 as recorded when it was written (`snapshotDigest`), or null/absent when
   * none was (snapshots written before digests were kept). Lets a reader check the bytes cheaply.
   */
  snapshotDigest?: Uint8Array | null
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

/** Someone who joined a board through an invite: the authority for their role and access. */
export interface MemberRecord {
  id: string
  boardId: string
  inviteId: string
  name: string
  role: Role
  /** The function a leader signs off for (or the person's function, when the owner named one). */
  function: string | null
  joinedAt: string
  revokedAt: string | null
}

/** One entry of a board's decision log: what was decided, by whom, on which version of the card. */
export interface DecisionLogRecord extends DecisionRecord {
  boardId: string
}

/** What the activity feed records: a card change, or a leader's decision (written by the server). */
export type FeedAction =
  | ActivityAction
  | {
      kind: 'decided'
      verdict: 'approve' | 'decline'
      function: string
      /** The card's status right after the decision (approved/declined when it settled the round). */
      outcome: 'approved' | 'declined' | 'pending'
    }
  | {
      kind: 'restored'
      versionId: string
      versionName: string
    }

export interface ActivityRecord {
  /** Increasing with insertion; the cursor for paging. */
  id: number
  boardId: string
  /** When it happened (for a coalesced burst: its latest change). */
  at: string
  /** Member id, or invite id for someone using an invite link without having joined. */
  actorId: string
  actorName: string
  cardId: string
  cardTitle: string
  action: FeedAction
}

export interface ActivityQuery {
  actorId?: string | undefined
  cardId?: string | undefined
  limit: number
  /** Only entries strictly older than this one (by time, then id). */
  before?: { at: string; id: number } | undefined
}

/** A named version of a board: its whole document as it stood when the version was saved. */
export interface VersionRecord {
  id: string
  boardId: string
  name: string
  createdAt: string
  /** Member id, or invite id for someone using an invite link without having joined. */
  createdBy: string
  createdByName: string
  /** How many cards the board held, for the list (null when not known). */
  cardCount: number | null
}

export interface StoredVersion {
  version: VersionRecord
  /** Y.encodeStateAsUpdate of the board's document at save time. */
  state: Uint8Array
}

export interface Storage {
  /** Creates the board row and its first snapshot together. */
  createBoard(board: BoardRecord, snapshot: Uint8Array): Promise<void>
  getBoard(id: string): Promise<BoardRecord | null>
  countBoards(): Promise<number>
  /**
   * The board's snapshot and log. With `afterSeq`, only what a reader that has applied every row up
   * to `afterSeq` lacks: the rows after it, and the snapshot only when it covers rows after it.
   * Sequence numbers of one board are committed in increasing order, so a reader that has seen every
   * row up to the highest one returned has missed none below it.
   */
  loadDoc(boardId: string, afterSeq?: number): Promise<StoredDoc>
  /**
   * Appends one update to the board's log and resolves with its sequence number once it is durable
   * (committed: survives a crash of this process): callers apply and broadcast only after that.
   */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>
  /**
   * Replaces the snapshot and deletes the log rows up to `uptoSeq`, atomically. The stored snapshot
   * becomes `snapshot` merged with the previous snapshot and those rows, so rows the caller had not
   * applied yet (written by another instance) are never lost. A snapshot never goes backwards.
   */
  compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>
  /**
   * The board as it stood before the last compaction: the previous snapshot and every row after it.
   * Compaction keeps that generation (and deletes only the rows it covers), so a newest snapshot that
   * turns out damaged on disk is never the only copy. Null when there is no previous snapshot.
   */
  loadPreviousDoc(boardId: string): Promise<StoredDoc | null>
  createInvite(invite: InviteRecord): Promise<void>
  getInvite(id: string): Promise<InviteRecord | null>
  revokeInvite(id: string, at: string): Promise<boolean>
  listInvites(boardId: string): Promise<InviteRecord[]>
  createMember(member: MemberRecord): Promise<void>
  getMember(id: string): Promise<MemberRecord | null>
  listMembers(boardId: string): Promise<MemberRecord[]>
  /** Sets a member's role and function; false when there is no such (unrevoked) member. */
  updateMember(id: string, role: Role, fn: string | null): Promise<boolean>
  revokeMember(id: string, at: string): Promise<boolean>
  appendDecision(decision: DecisionLogRecord): Promise<void>
  /** The decision log of a board, oldest first. */
  listDecisions(boardId: string, cardId?: string): Promise<DecisionLogRecord[]>
  addActivity(entry: Omit<ActivityRecord, 'id'>): Promise<number>
  /** Rewrites an entry in place (a coalesced burst of edits). */
  updateActivity(id: number, changes: Pick<ActivityRecord, 'at' | 'cardTitle' | 'action'>): Promise<void>
  getActivity(boardId: string, id: number): Promise<ActivityRecord | null>
  /** The newest entry about a card, if any. */
  latestActivity(boardId: string, cardId: string): Promise<ActivityRecord | null>
  /** Newest first. */
  listActivity(boardId: string, query: ActivityQuery): Promise<ActivityRecord[]>
  /** Stores a version with its encoded document state. */
  createVersion(version: VersionRecord, state: Uint8Array): Promise<void>
  /** The board's versions, newest first (by time, then insertion), without their states. */
  listVersions(boardId: string): Promise<VersionRecord[]>
  /** One version of the board with its state; null when the board has no such version. */
  getVersion(boardId: string, id: string): Promise<StoredVersion | null>
  /**
   * Records `owner` as the owner of each of the board's Yjs client ids in `clientIds` that has none
   * yet, and resolves with the owner of every one of them. The first claim of a client id wins, even
   * when instances sharing the storage claim it at the same moment; an owner never changes.
   */
  claimClientIds(boardId: string, clientIds: readonly number[], owner: string): Promise<Map<number, string>>
  getMeta(key: string): Promise<string | null>
  setMeta(key: string, value: string): Promise<void>
  /** Stores `value` under `key` unless one is stored; resolves with the stored value (race-safe). */
  getOrCreateMeta(key: string, value: string): Promise<string>
  isOpen(): boolean
  close(): Promise<void>
}
