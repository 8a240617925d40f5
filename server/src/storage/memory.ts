// In-memory Storage with the same semantics as SQLite, for unit tests only (nothing survives a restart).

import type { BoardRecord, InviteRecord, Storage, StoredUpdate } from './storage.js'

export function createMemoryStorage(): Storage {
  const boards = new Map<string, BoardRecord>()
  const snapshots = new Map<string, { data: Uint8Array; uptoSeq: number }>()
  const updates = new Map<string, StoredUpdate[]>()
  const invites = new Map<string, InviteRecord>()
  const meta = new Map<string, string>()
  let seq = 0
  let open = true
  const copy = (data: Uint8Array) => new Uint8Array(data)

  return {
    async createBoard(board, snapshot) {
      if (boards.has(board.id)) throw new Error(`board ${board.id} exists`)
      boards.set(board.id, { ...board })
      snapshots.set(board.id, { data: copy(snapshot), uptoSeq: 0 })
    },
    async getBoard(id) {
      const board = boards.get(id)
      return board ? { ...board } : null
    },
    async countBoards() {
      return boards.size
    },
    async loadDoc(boardId) {
      const snapshot = snapshots.get(boardId)
      const snapshotSeq = snapshot?.uptoSeq ?? 0
      return {
        snapshot: snapshot ? copy(snapshot.data) : null,
        snapshotSeq,
        updates: (updates.get(boardId) ?? [])
          .filter((u) => u.seq > snapshotSeq)
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
      snapshots.set(boardId, { data: copy(snapshot), uptoSeq })
      updates.set(
        boardId,
        (updates.get(boardId) ?? []).filter((u) => u.seq > uptoSeq),
      )
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
    async getMeta(key) {
      return meta.get(key) ?? null
    },
    async setMeta(key, value) {
      meta.set(key, value)
    },
    isOpen() {
      return open
    },
    async close() {
      open = false
    },
  }
}
