// Named versions of a board: the owner saves the whole document under a name; anyone on the board
// lists and reads them; the owner restores one as a new change written by the server into the live
// room (never a rewrite of history). A restore first saves the current state as a version of its own,
// so the restore itself can be undone. Saves and restores of one board are handled one at a time.

import { readBoard, restoreBoard } from '@tideboard/shared'
import * as Y from 'yjs'
import type { ActivityLog } from '../activity/activityLog.js'
import { identityOf, type Principal } from '../auth/access.js'
import { randomId } from '../ids.js'
import { KeyedQueue } from '../keyedQueue.js'
import type { Logger } from '../log.js'
import type { Storage, StoredVersion, VersionRecord } from '../storage/storage.js'
import { SERVER_ORIGIN } from '../sync/origin.js'
import type { Rooms } from '../sync/rooms.js'

export interface VersionsDeps {
  storage: Storage
  rooms: Rooms
  activity: ActivityLog
  logger: Logger
}

export interface Restored {
  restored: VersionRecord
  backup: VersionRecord
}

/** The name of the version a restore saves first, to undo it by. */
export const backupName = (name: string) => `Before restoring “${name}”`

export class Versions {
  private readonly queue = new KeyedQueue()

  constructor(private readonly deps: VersionsDeps) {}

  list(boardId: string): Promise<VersionRecord[]> {
    return this.deps.storage.listVersions(boardId)
  }

  get(boardId: string, id: string): Promise<StoredVersion | null> {
    return this.deps.storage.getVersion(boardId, id)
  }

  /** Saves the board as it is now (everything this instance has applied) under `name`. */
  save(principal: Principal, name: string, now: Date = new Date()): Promise<VersionRecord> {
    return this.queue.run(principal.boardId, async () => {
      const state = await this.deps.rooms.withDoc(principal.boardId, (doc) => ({
        update: Y.encodeStateAsUpdate(doc),
        cardCount: readBoard(doc).cards.length,
      }))
      return this.store(principal, name, state.update, state.cardCount, now)
    })
  }

  /** Restores version `id`, or resolves null when the board has no such version. */
  restore(principal: Principal, id: string, now: Date = new Date()): Promise<Restored | null> {
    return this.queue.run(principal.boardId, async () => {
      const stored = await this.deps.storage.getVersion(principal.boardId, id)
      if (!stored) return null
      const saved = new Y.Doc()
      try {
        Y.applyUpdate(saved, stored.state)
        const board = readBoard(saved)
        const actor = identityOf(principal)
        const backup = await this.deps.rooms.withRoom(principal.boardId, async (room) => {
          const current = Y.encodeStateAsUpdate(room.doc)
          const cards = readBoard(room.doc).cards.length
          const made = await this.store(principal, backupName(stored.version.name), current, cards, now)
          await room.writeAsServer((doc) => {
            const result = restoreBoard(doc, board, { by: actor.id, now, origin: SERVER_ORIGIN, from: saved })
            if (result.ok && result.value.skipped.length > 0) {
              this.deps.logger.warn('restored a version with fields left as they were', {
                boardId: principal.boardId,
                versionId: id,
                skipped: result.value.skipped,
              })
            }
          })
          return made
        })
        void this.deps.activity.record(
          principal.boardId,
          actor,
          [
            {
              cardId: '',
              cardTitle: '',
              action: { kind: 'restored', versionId: id, versionName: stored.version.name },
            },
          ],
          now,
        )
        return { restored: stored.version, backup }
      } finally {
        saved.destroy()
      }
    })
  }

  private async store(
    principal: Principal,
    name: string,
    state: Uint8Array,
    cardCount: number,
    now: Date,
  ): Promise<VersionRecord> {
    const actor = identityOf(principal)
    const version: VersionRecord = {
      id: randomId(),
      boardId: principal.boardId,
      name,
      createdAt: now.toISOString(),
      createdBy: actor.id,
      createdByName: actor.name,
      cardCount,
    }
    await this.deps.storage.createVersion(version, state)
    return version
  }
}
