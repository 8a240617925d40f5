// The loaded boards of this server: a room is loaded from storage before its first sync (frames
// that arrive meanwhile are buffered), unloaded after it has been idle, and flushed on shutdown.

import * as Y from 'yjs'
import type { Principal } from '../auth/access.js'
import { restoreDoc } from './restoreDoc.js'
import {
  CLOSE_CODES,
  type Connection,
  type IncomingData,
  Room,
  type RoomDeps,
  type SocketLike,
} from './room.js'

export interface RoomsOptions extends Omit<RoomDeps, 'onEmpty'> {
  /** How long a room with no connection stays loaded. */
  idleMs: number
}

/** The transport's view of one connection: feed it frames, tell it when the socket closed. */
export interface ConnectionHandle {
  receive(data: IncomingData): void
  close(): void
}

interface OpenSocket {
  boardId: string
  socket: SocketLike
  /** The same object the room's Connection holds: a live role change edits it in place. */
  principal: Principal
}

interface Entry {
  promise: Promise<Room>
  room: Room | null
  idleTimer: NodeJS.Timeout | null
  /** Server writes in progress (withRoom): the room is not unloaded under them. */
  leases: number
}

/** Frames a client may send before its room has loaded; more means a misbehaving client. */
const MAX_BUFFERED_FRAMES = 1000

export class Rooms {
  private readonly entries = new Map<string, Entry>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly sockets = new Map<ConnectionHandle, OpenSocket>()
  private closing = false

  constructor(private readonly options: RoomsOptions) {}

  get loadedCount(): number {
    return this.entries.size
  }

  /** The loaded room, if any (for tests and diagnostics). */
  loaded(boardId: string): Room | null {
    return this.entries.get(boardId)?.room ?? null
  }

  connect(boardId: string, socket: SocketLike, principal: Principal): ConnectionHandle {
    let room: Room | null = null
    let connection: Connection | null = null
    let closed = false
    const buffered: IncomingData[] = []
    const handle: ConnectionHandle = {
      receive: (data) => {
        if (closed) return
        if (room && connection) {
          void room.receive(connection, data)
          return
        }
        buffered.push(data)
        if (buffered.length > MAX_BUFFERED_FRAMES) {
          socket.close(CLOSE_CODES.malformed, 'too many messages before sync')
          handle.close()
        }
      },
      close: () => {
        if (closed) return
        closed = true
        buffered.length = 0
        this.sockets.delete(handle)
        if (room && connection) room.disconnect(connection)
      },
    }
    if (this.closing) {
      socket.close(CLOSE_CODES.goingAway, 'server shutting down')
      closed = true
      return handle
    }
    this.sockets.set(handle, { boardId, socket, principal })
    this.acquire(boardId).then(
      (loaded) => {
        if (closed) {
          this.scheduleUnload(boardId)
          return
        }
        room = loaded
        connection = loaded.connect(socket, principal)
        for (const data of buffered.splice(0)) void loaded.receive(connection, data)
      },
      (error: unknown) => {
        this.options.logger.error('could not load board', { boardId, error })
        socket.close(CLOSE_CODES.internalError, 'board could not be loaded')
        handle.close()
      },
    )
    return handle
  }

  /**
   * Runs `use` with the board's loaded room (loading it if needed): for server writes such as
   * decisions and membership. The room is unloaded later as usual when nobody is connected.
   */
  async withRoom<T>(boardId: string, use: (room: Room) => Promise<T>): Promise<T> {
    if (this.closing) throw new Error('server shutting down')
    const room = await this.acquire(boardId)
    const entry = this.entries.get(boardId)
    if (entry) entry.leases += 1
    try {
      return await use(room)
    } finally {
      if (entry) entry.leases -= 1
      this.scheduleUnload(boardId)
    }
  }

  /**
   * Closes every open socket on the board whose principal matches (loaded or still waiting for its
   * room), e.g. with 4403 when access was revoked. Returns how many were closed.
   */
  closeWhere(
    boardId: string,
    match: (principal: Principal) => boolean,
    code: number,
    reason: string,
  ): number {
    let closed = 0
    for (const [handle, open] of [...this.sockets]) {
      if (open.boardId !== boardId || !match(open.principal)) continue
      try {
        open.socket.close(code, reason)
      } finally {
        handle.close()
      }
      closed += 1
    }
    return closed
  }

  /** Applies a role change to the matching open sockets at once: their next update is judged by it. */
  updatePrincipals(
    boardId: string,
    match: (principal: Principal) => boolean,
    change: Pick<Principal, 'role' | 'function'>,
  ): number {
    let updated = 0
    for (const open of this.sockets.values()) {
      if (open.boardId !== boardId || !match(open.principal)) continue
      open.principal.role = change.role
      if (change.function === undefined) delete open.principal.function
      else open.principal.function = change.function
      updated += 1
    }
    return updated
  }

  /**
   * Runs `read` on the board's current document: the loaded room's, or a temporary copy restored from
   * storage. `read` must not keep the document.
   */
  async withDoc<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = this.entries.get(boardId)?.room
    if (room) return read(room.doc)
    const doc = new Y.Doc()
    try {
      restoreDoc(doc, await this.options.storage.loadDoc(boardId), boardId, this.options.logger)
      return read(doc)
    } finally {
      doc.destroy()
    }
  }

  /** Closes every socket (1001), compacts and unloads every room. */
  async shutdown(): Promise<void> {
    this.closing = true
    for (const [handle, { socket }] of [...this.sockets]) {
      try {
        socket.close(CLOSE_CODES.goingAway, 'server shutting down')
      } finally {
        handle.close()
      }
    }
    const entries = [...this.entries.values()]
    this.entries.clear()
    await Promise.all(
      entries.map(async (entry) => {
        if (entry.idleTimer) clearTimeout(entry.idleTimer)
        const room = await entry.promise.catch(() => null)
        if (!room) return
        await room
          .compact()
          .catch((error: unknown) =>
            this.options.logger.error('compaction at shutdown failed', { boardId: room.boardId, error }),
          )
        room.destroy()
        this.options.metrics.roomsLoaded.dec()
      }),
    )
    await Promise.all(this.unloading.values())
  }

  private acquire(boardId: string): Promise<Room> {
    const existing = this.entries.get(boardId)
    if (existing) {
      if (existing.idleTimer) clearTimeout(existing.idleTimer)
      existing.idleTimer = null
      return existing.promise
    }
    const load = async (): Promise<Room> => {
      // A previous instance of this room may still be writing its final snapshot.
      await this.unloading.get(boardId)
      const room = await Room.load(boardId, { ...this.options, onEmpty: () => this.scheduleUnload(boardId) })
      entry.room = room
      this.options.metrics.roomsLoaded.inc()
      return room
    }
    // load() first touches `entry` after an await, when it is initialised.
    const entry: Entry = { promise: load(), room: null, idleTimer: null, leases: 0 }
    entry.promise.catch(() => {
      if (this.entries.get(boardId) === entry) this.entries.delete(boardId)
    })
    this.entries.set(boardId, entry)
    return entry.promise
  }

  private scheduleUnload(boardId: string): void {
    const entry = this.entries.get(boardId)
    if (!entry?.room || entry.room.size > 0 || entry.leases > 0 || entry.idleTimer) return
    entry.idleTimer = setTimeout(() => this.unload(boardId, entry), this.options.idleMs)
    entry.idleTimer.unref()
  }

  private unload(boardId: string, entry: Entry): void {
    entry.idleTimer = null
    const room = entry.room
    if (this.entries.get(boardId) !== entry || !room || room.size > 0 || entry.leases > 0) return
    this.entries.delete(boardId)
    this.options.metrics.roomsLoaded.dec()
    const done: Promise<void> = room
      .compact()
      .catch((error: unknown) => this.options.logger.error('compaction on unload failed', { boardId, error }))
      .finally(() => {
        room.destroy()
        if (this.unloading.get(boardId) === done) this.unloading.delete(boardId)
      })
    this.unloading.set(boardId, done)
  }
}
