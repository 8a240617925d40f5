// In-memory Storage with the same semantics as SQLite, for unit tests only (nothing survives a restart).

import { snapshotDigest } from './digest.js'
import { mergeSnapshot } from './mergeSnapshot.js'
import type {
  ActivityRecord,
  BoardRecord,
  DecisionLogRecord,
  InviteRecord,
  MemberRecord,
  Storage,
  StoredUpdate,
  StoredVersion,
} from './storage.js'

/** Newest first: by time, then by id (the SQLite order). */
const newestFirst = (a: ActivityRecord, b: ActivityRecord) =>
  a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id

const clone = <T>(value: T): T => structuredClone(value)

interface Snapshot {
  data: Uint8Array
  uptoSeq: number
  digest: Uint8Array
}

export function createMemoryStorage(): Storage {
  const boards = new Map<string, BoardRecord>()
  const snapshots = new Map<string, Snapshot & { previous: Snapshot | null }>()
  const updates = new Map<string, StoredUpdate[]>()
  const invites = new Map<string, InviteRecord>()
  const members = new Map<string, MemberRecord>()
  const decisions: DecisionLogRecord[] = []
  const activity = new Map<number, ActivityRecord>()
  const meta = new Map<string, string>()
  /** Owner of each Yjs client id, keyed by board id and client id. */
  const clientOwners = new Map<string, Map<number, string>>()
  // Insertion order; listed newest first by time, then by insertion (the SQL order).
  const versions: StoredVersion[] = []
  let seq = 0
  let activitySeq = 0
  let open = true
  const copy = (data: Uint8Array) => new Uint8Array(data)

  return {
    async createBoard(board, snapshot) {
      if (boards.has(board.id)) throw new Error(`board ${board.id} exists`)
      boards.set(board.id, { ...board })
      snapshots.set(board.id, {
        data: copy(snapshot),
        uptoSeq: 0,
        digest: snapshotDigest(snapshot),
        previous: null,
      })
    },
    async getBoard(id) {
      const board = boards.get(id)
      return board ? { ...board } : null
    },
    async countBoards() {
      return boards.size
    },
    async loadDoc(boardId, afterSeq = 0) {
      const snapshot = snapshots.get(boardId)
      const snapshotSeq = snapshot?.uptoSeq ?? 0
      const fresh = snapshot !== undefined && (afterSeq === 0 || snapshotSeq > afterSeq)
      return {
        snapshot: fresh ? copy(snapshot.data) : null,
        snapshotSeq,
        snapshotDigest: fresh ? copy(snapshot.digest) : null,
        updates: (updates.get(boardId) ?? [])
          .filter((u) => u.seq > Math.max(snapshotSeq, afterSeq))
          .map((u) => ({ seq: u.seq, data: copy(u.data) })),
      }
    },
    async appendUpdate(boardId, update) {
      seq += 1
      const log = updates.get(boardId) ?? []
      log.push({ seq, data: copy(update) })
      updates.set(boardId, log)
      return seq
    },
    async compact(boardId, snapshot, uptoSeq) {
      const current = snapshots.get(boardId)
      if (current && current.uptoSeq > uptoSeq) return
      const log = updates.get(boardId) ?? []
      const merged = mergeSnapshot([
        ...(current ? [current.data] : []),
        ...log.filter((u) => u.seq > (current?.uptoSeq ?? 0) && u.seq <= uptoSeq).map((u) => u.data),
        snapshot,
      ])
      if (merged === null) return
      const previous = current
        ? { data: current.data, uptoSeq: current.uptoSeq, digest: current.digest }
        : null
      snapshots.set(boardId, { data: merged, uptoSeq, digest: snapshotDigest(merged), previous })
      // Only the rows the previous snapshot covers go: it and the rows after it are the fallback.
      updates.set(
        boardId,
        (updates.get(boardId) ?? []).filter((u) => u.seq > (previous?.uptoSeq ?? 0)),
      )
    },
    async loadPreviousDoc(boardId) {
      const previous = snapshots.get(boardId)?.previous
      if (!previous) return null
      return {
        snapshot: copy(previous.data),
        snapshotSeq: previous.uptoSeq,
        snapshotDigest: copy(previous.digest),
        updates: (updates.get(boardId) ?? [])
          .filter((u) => u.seq > previous.uptoSeq)
          .map((u) => ({ seq: u.seq, data: copy(u.data) })),
      }
    },
    async createInvite(invite) {
      invites.set(invite.id, { ...invite })
    },
    async getInvite(id) {
      const invite = invites.get(id)
      return invite ? { ...invite } : null
    },
    async revokeInvite(id, at) {
      const invite = invites.get(id)
      if (!invite || invite.revokedAt !== null) return false
      invite.revokedAt = at
      return true
    },
    async listInvites(boardId) {
      // The SQL order: by creation time, then insertion (a stable sort of the insertion order).
      return [...invites.values()]
        .filter((i) => i.boardId === boardId)
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
        .map((i) => ({ ...i }))
    },
    async createMember(member) {
      if (members.has(member.id)) throw new Error(`member ${member.id} exists`)
      members.set(member.id, { ...member })
    },
    async getMember(id) {
      const member = members.get(id)
      return member ? { ...member } : null
    },
    async listMembers(boardId) {
      return [...members.values()]
        .filter((m) => m.boardId === boardId)
        .sort((a, b) => (a.joinedAt < b.joinedAt ? -1 : a.joinedAt > b.joinedAt ? 1 : 0))
        .map((m) => ({ ...m }))
    },
    async updateMember(id, role, fn) {
      const member = members.get(id)
      if (!member || member.revokedAt !== null) return false
      member.role = role
      member.function = fn
      return true
    },
    async revokeMember(id, at) {
      const member = members.get(id)
      if (!member || member.revokedAt !== null) return false
      member.revokedAt = at
      return true
    },
    async appendDecision(decision) {
      decisions.push({ ...decision })
    },
    async listDecisions(boardId, cardId) {
      return decisions
        .filter((d) => d.boardId === boardId && (cardId === undefined || d.cardId === cardId))
        .map((d, i) => [d, i] as const)
        .sort(([a, i], [b, j]) => (a.at < b.at ? -1 : a.at > b.at ? 1 : i - j))
        .map(([d]) => ({ ...d }))
    },
    async addActivity(entry) {
      activitySeq += 1
      activity.set(activitySeq, clone({ ...entry, id: activitySeq }))
      return activitySeq
    },
    async updateActivity(id, changes) {
      const entry = activity.get(id)
      if (entry) Object.assign(entry, clone(changes))
    },
    async getActivity(boardId, id) {
      const entry = activity.get(id)
      return entry && entry.boardId === boardId ? clone(entry) : null
    },
    async latestActivity(boardId, cardId) {
      const entry = [...activity.values()]
        .filter((e) => e.boardId === boardId && e.cardId === cardId)
        .sort(newestFirst)[0]
      return entry ? clone(entry) : null
    },
    async listActivity(boardId, query) {
      const { before } = query
      return [...activity.values()]
        .filter(
          (e) =>
            e.boardId === boardId &&
            (query.actorId === undefined || e.actorId === query.actorId) &&
            (query.cardId === undefined || e.cardId === query.cardId) &&
            (before === undefined || e.at < before.at || (e.at === before.at && e.id < before.id)),
        )
        .sort(newestFirst)
        .slice(0, query.limit)
        .map(clone)
    },
    async createVersion(version, state) {
      if (versions.some((v) => v.version.id === version.id)) throw new Error(`version ${version.id} exists`)
      versions.push({ version: { ...version }, state: copy(state) })
    },
    async listVersions(boardId) {
      return versions
        .map((v, i) => [v.version, i] as const)
        .filter(([v]) => v.boardId === boardId)
        .sort(([a, i], [b, j]) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : j - i))
        .map(([v]) => ({ ...v }))
    },
    async getVersion(boardId, id) {
      const found = versions.find((v) => v.version.id === id && v.version.boardId === boardId)
      return found ? { version: { ...found.version }, state: copy(found.state) } : null
    },
    async claimClientIds(boardId, clientIds, owner) {
      const owners = clientOwners.get(boardId) ?? new Map<number, string>()
      clientOwners.set(boardId, owners)
      const result = new Map<number, string>()
      for (const id of clientIds) {
        if (!owners.has(id)) owners.set(id, owner)
        result.set(id, owners.get(id) ?? owner)
      }
      return result
    },
    async getMeta(key) {
      return meta.get(key) ?? null
    },
    async setMeta(key, value) {
      meta.set(key, value)
    },
    async getOrCreateMeta(key, value) {
      if (!meta.has(key)) meta.set(key, value)
      return meta.get(key) ?? value
    },
    isOpen() {
      return open
    },
    async close() {
      open = false
    },
  }
}
