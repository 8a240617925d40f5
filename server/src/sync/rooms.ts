// The loaded boards of this server: a room is loaded from storage before its first sync (frames
// that arrive meanwhile are buffered), unloaded after it has been idle, and flushed on shutdown.
// Rooms also connect this instance to the others through the bus: a board's topic is subscribed
// before the board is read from storage (so no update falls between the two), access changes reach
// sockets on every instance, and when the bus was down every loaded room catches up from storage.

import type * as Y from 'yjs'
import type { Principal } from '../auth/access.js'
import type { Role } from '../auth/roles.js'
import { isRole } from '../auth/roles.js'
import {
  type AccessTarget,
  type Bus,
  type BusMessage,
  boardTopic,
  CONTROL_TOPIC,
  type ControlEvent,
  type Unsubscribe,
} from '../bus/bus.js'
import { createLocalBus } from '../bus/local.js'
import { matchesDigest } from '../storage/digest.js'
import type { StoredDoc } from '../storage/storage.js'
import { encodeSyncStep2Of, isFreshClientStep1 } from './protocol.js'
import { loadStoredDoc } from './restoreDoc.js'
import {
  CLOSE_CODES,
  type Connection,
  type IncomingData,
  Room,
  type RoomDeps,
  type SocketLike,
} from './room.js'

export interface RoomsOptions extends Omit<RoomDeps, 'onEmpty' | 'publish'> {
  /** How long a room with no connection stays loaded. */
  idleMs: number
  /** Fan-out to other instances; an in-process bus of its own when not given. */
  bus?: Bus
  /**
   * While the bus is down, and for a while after it returns, every loaded room reads what was stored
   * since its last read this often, so nothing another instance wrote in the meantime is missed.
   */
  catchUpMs?: number
  /** Most boards loaded at once; a connection to one more is refused with 1013 (try again later). */
  maxRooms?: number
  /**
   * Reads an open socket's access again (null: revoked). Run for every open socket when the bus comes
   * back, since revocations and role changes published while it was down never reached this instance.
   */
  recheckAccess?: (principal: Principal) => Promise<Pick<Principal, 'role' | 'function'> | null>
}

/** How long rooms keep catching up from storage after the bus came back or another instance asked. */
const CATCH_UP_GRACE_MS = 10_000

function matches(target: AccessTarget): (principal: Principal) => boolean {
  if ('memberId' in target) return (p) => p.memberId === target.memberId
  return (p) => p.memberId === undefined && p.inviteId === target.inviteId
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

/** A socket whose room is still loading: its frames so far, and what an early sync sent it. */
interface Waiter {
  socket: SocketLike
  buffered: IncomingData[]
  closed: boolean
  /** Told of each frame that arrives (the early sync waits for every client's first). */
  onFrame: (() => void) | null
  /** This client was sent the stored snapshot as its sync step 2 before the room had loaded. */
  sentStored: boolean
}

interface Entry {
  promise: Promise<Room>
  /** Sockets waiting for this room to load; emptied once it has. */
  waiting: Set<Waiter>
  room: Room | null
  idleTimer: NodeJS.Timeout | null
  /** Server writes in progress (withRoom): the room is not unloaded under them. */
  leases: number
  /** Bus messages that arrived while the room was loading, applied once it has. */
  pending: BusMessage[]
  unsubscribe: Promise<Unsubscribe> | null
}

/** Frames a client may send before its room has loaded; more means a misbehaving client. */
const MAX_BUFFERED_FRAMES = 1000

/**
 * How long a load waits for its connecting clients' first frames (and then for the stored snapshot
 * sent to the fresh ones to leave), before it builds the document. A stock client sends its step 1
 * as soon as the socket opens: on loopback the wait is about a millisecond.
 */
const EARLY_SYNC_WAIT_MS = 20

/** Resolves once every waiter has sent a frame or closed, or after `ms`. */
function firstFrames(waiters: readonly Waiter[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    let settled = false
    const done = () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      for (const waiter of waiters) waiter.onFrame = null
      resolve()
    }
    const check = () => {
      if (waiters.every((w) => w.closed || w.buffered.length > 0)) done()
    }
    const timer = setTimeout(done, ms)
    for (const waiter of waiters) waiter.onFrame = check
    check()
  })
}

/** Resolves once the sockets have handed every queued byte to the network, or after `ms`. */
async function drained(sockets: readonly SocketLike[], ms: number): Promise<void> {
  const deadline = performance.now() + ms
  while (sockets.some((s) => (s.bufferedAmount?.() ?? 0) > 0) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

export class Rooms {
  private readonly entries = new Map<string, Entry>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly sockets = new Map<ConnectionHandle, OpenSocket>()
  private closing = false
  private readonly bus: Bus
  private readonly ownsBus: boolean
  private controlSubscription: Promise<Unsubscribe> | null = null
  private catchUpTimer: NodeJS.Timeout | null = null
  private catchUpUntil = 0
  private busWasDown = false

  constructor(private readonly options: RoomsOptions) {
    this.ownsBus = options.bus === undefined
    this.bus = options.bus ?? createLocalBus()
    this.options.metrics.busConnected.set(this.bus.connected ? 1 : 0)
    this.bus.onStatus((connected) => this.onBusStatus(connected))
  }

  /** Subscribes to the instance-wide control topic; resolves once access changes will be heard. */
  async start(): Promise<void> {
    this.controlSubscription ??= this.bus.subscribe(CONTROL_TOPIC, (message) => this.onControl(message))
    await this.controlSubscription
  }

  /**
   * Closes the target's sockets on this board here and on every other instance (a revocation).
   * Returns how many were closed here.
   */
  closeEverywhere(boardId: string, target: AccessTarget, code: number, reason: string): number {
    this.publish(CONTROL_TOPIC, { kind: 'control', boardId, event: { type: 'close', target, code, reason } })
    return this.closeWhere(boardId, matches(target), code, reason)
  }

  /** Applies a member's new role to their sockets here and on every other instance. */
  changeRoleEverywhere(boardId: string, memberId: string, role: Role, fn: string | null): number {
    this.publish(CONTROL_TOPIC, {
      kind: 'control',
      boardId,
      event: { type: 'role', memberId, role, function: fn },
    })
    return this.updatePrincipals(boardId, matches({ memberId }), {
      role,
      ...(fn === null ? {} : { function: fn }),
    })
  }

  /** Reads what was stored since each loaded room's last read; resolves with how many changed. */
  async catchUpAll(reason: string): Promise<number> {
    const rooms = [...this.entries.values()].flatMap((e) => (e.room ? [e.room] : []))
    let changed = 0
    await Promise.all(
      rooms.map(async (room) => {
        try {
          const result = await room.catchUp()
          if (!result.applied) return
          changed += 1
          this.options.metrics.busResyncs.inc()
          this.options.logger.info('board resynchronised from storage', {
            boardId: room.boardId,
            reason,
            rowsRead: result.rows,
          })
        } catch (error) {
          this.options.logger.error('could not catch up from storage', { boardId: room.boardId, error })
        }
      }),
    )
    return changed
  }

  /** Whether opening `boardId` would load one board more than `maxRooms` allows. */
  atCapacityFor(boardId: string): boolean {
    const max = this.options.maxRooms
    return max !== undefined && !this.entries.has(boardId) && this.entries.size >= max
  }

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
    const waiter: Waiter = { socket, buffered: [], closed: false, onFrame: null, sentStored: false }
    const { buffered } = waiter
    const handle: ConnectionHandle = {
      receive: (data) => {
        if (waiter.closed) return
        if (room && connection) {
          void room.receive(connection, data)
          return
        }
        buffered.push(data)
        waiter.onFrame?.()
        if (buffered.length > MAX_BUFFERED_FRAMES) {
          socket.close(CLOSE_CODES.malformed, 'too many messages before sync')
          handle.close()
        }
      },
      close: () => {
        if (waiter.closed) return
        waiter.closed = true
        buffered.length = 0
        waiter.onFrame?.()
        this.entries.get(boardId)?.waiting.delete(waiter)
        this.sockets.delete(handle)
        if (room && connection) room.disconnect(connection)
      },
    }
    if (this.closing) {
      socket.close(CLOSE_CODES.goingAway, 'server shutting down')
      waiter.closed = true
      return handle
    }
    if (this.atCapacityFor(boardId)) {
      socket.close(CLOSE_CODES.tryAgain, 'server busy: too many boards open')
      waiter.closed = true
      return handle
    }
    this.sockets.set(handle, { boardId, socket, principal })
    const loading = this.acquire(boardId)
    const entry = this.entries.get(boardId)
    if (entry && entry.room === null) entry.waiting.add(waiter)
    loading.then(
      (loaded) => {
        if (waiter.closed) {
          this.scheduleUnload(boardId)
          return
        }
        room = loaded
        connection = loaded.connect(socket, principal, waiter.sentStored)
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
    const { doc } = await loadStoredDoc(this.options.storage, boardId, this.options.logger)
    try {
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
        this.unsubscribe(entry)
      }),
    )
    await Promise.all(this.unloading.values())
    if (this.catchUpTimer) clearInterval(this.catchUpTimer)
    this.catchUpTimer = null
    const control = this.controlSubscription
    this.controlSubscription = null
    if (control) await (await control)().catch(() => {})
    if (this.ownsBus) await this.bus.close()
  }

  private unsubscribe(entry: Entry): void {
    const subscription = entry.unsubscribe
    entry.unsubscribe = null
    if (!subscription) return
    subscription
      .then((unsubscribe) => unsubscribe())
      .catch((error: unknown) => this.options.logger.warn('bus unsubscribe failed', { error: String(error) }))
  }

  private publish(topic: string, message: BusMessage): void {
    if (this.bus.publish(topic, message)) this.options.metrics.busMessages.inc({ direction: 'out' })
    else this.options.metrics.busPublishFailures.inc()
  }

  private onControl(message: BusMessage): void {
    this.options.metrics.busMessages.inc({ direction: 'in' })
    if (message.kind === 'resync') {
      this.startCatchingUp()
      void this.catchUpAll('another instance reconnected to the bus')
      // Its revocations and role changes made while it was cut off never came over the bus either.
      void this.recheckOpenSockets()
      return
    }
    if (message.kind !== 'control') return
    this.applyControl(message.boardId, message.event)
  }

  private applyControl(boardId: string, event: ControlEvent): void {
    if (event.type === 'close') {
      this.closeWhere(boardId, matches(event.target), event.code, event.reason)
    } else if (isRole(event.role)) {
      this.updatePrincipals(boardId, matches({ memberId: event.memberId }), {
        role: event.role,
        ...(event.function === null ? {} : { function: event.function }),
      })
    }
  }

  private onBusStatus(connected: boolean): void {
    this.options.metrics.busConnected.set(connected ? 1 : 0)
    if (!connected) {
      this.busWasDown = true
      this.options.logger.warn('bus disconnected: serving local clients, catching up from storage')
      this.startCatchingUp(Number.POSITIVE_INFINITY)
      return
    }
    if (!this.busWasDown) return
    this.busWasDown = false
    this.options.metrics.busReconnects.inc()
    this.options.logger.info('bus reconnected: resynchronising loaded boards from storage', {
      rooms: this.entries.size,
    })
    // What this instance failed to publish while cut off is in storage: others read it too.
    this.publish(CONTROL_TOPIC, { kind: 'resync' })
    void this.recheckOpenSockets()
    this.startCatchingUp()
    void this.catchUpAll('bus reconnected').then((changed) =>
      this.options.logger.info('bus resynchronisation done', { roomsChanged: changed }),
    )
  }

  /** Applies each open socket's current access from storage: closes revoked ones, updates roles. */
  async recheckOpenSockets(): Promise<void> {
    const recheck = this.options.recheckAccess
    if (!recheck) return
    for (const [handle, open] of [...this.sockets]) {
      try {
        const access = await recheck(open.principal)
        if (access === null) {
          try {
            open.socket.close(CLOSE_CODES.forbidden, 'access revoked')
          } finally {
            handle.close()
          }
        } else if (access.role !== open.principal.role || access.function !== open.principal.function) {
          open.principal.role = access.role
          if (access.function === undefined) delete open.principal.function
          else open.principal.function = access.function
        }
      } catch (error) {
        this.options.logger.error('could not re-check a socket’s access', { boardId: open.boardId, error })
      }
    }
  }

  /** Catches every loaded room up periodically until `until` (a grace period by default). */
  private startCatchingUp(until = Date.now() + CATCH_UP_GRACE_MS): void {
    this.catchUpUntil = until === Number.POSITIVE_INFINITY ? until : Math.max(this.catchUpUntil, until)
    if (this.catchUpTimer || this.closing) return
    this.catchUpTimer = setInterval(() => {
      if (this.bus.connected && Date.now() > this.catchUpUntil) {
        if (this.catchUpTimer) clearInterval(this.catchUpTimer)
        this.catchUpTimer = null
        return
      }
      void this.catchUpAll(this.bus.connected ? 'after a bus outage' : 'bus down')
    }, this.options.catchUpMs ?? 2000)
    this.catchUpTimer.unref()
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
      // Subscribed before reading storage: an update stored after the read arrives over the bus.
      entry.unsubscribe = this.bus.subscribe(boardTopic(boardId), (message) => {
        this.options.metrics.busMessages.inc({ direction: 'in' })
        if (entry.room) entry.room.receiveFromBus(message)
        else entry.pending.push(message)
      })
      await entry.unsubscribe
      const stored = await this.options.storage.loadDoc(boardId)
      await this.syncEarly(entry, stored)
      const room = await Room.load(
        boardId,
        {
          ...this.options,
          onEmpty: () => this.scheduleUnload(boardId),
          publish: (message) => this.publish(boardTopic(boardId), message),
        },
        stored,
      )
      entry.room = room
      entry.waiting.clear()
      for (const message of entry.pending.splice(0)) room.receiveFromBus(message)
      this.options.metrics.roomsLoaded.inc()
      this.publish(boardTopic(boardId), { kind: 'awareness-query', boardId })
      return room
    }
    // load() first touches `entry` after an await, when it is initialised.
    const entry: Entry = {
      promise: load(),
      waiting: new Set(),
      room: null,
      idleTimer: null,
      leases: 0,
      pending: [],
      unsubscribe: null,
    }
    entry.promise.catch(() => {
      if (this.entries.get(boardId) === entry) this.entries.delete(boardId)
      this.unsubscribe(entry)
    })
    this.entries.set(boardId, entry)
    return entry.promise
  }

  /**
   * Building a large board's document takes a while (hundreds of ms for 20,000 rows or a 500 kB
   * snapshot in a freshly started process), and a fresh client then spends as long applying the
   * same state. When storage holds a snapshot alone, intact by its digest, a connecting client that
   * has nothing is sent it at once as its sync step 2, so it applies while the server builds; once
   * the room has loaded, that client is sent whatever the document holds beyond the snapshot (a
   * migration, another instance's update) and carries on as any other.
   */
  private async syncEarly(entry: Entry, stored: StoredDoc): Promise<void> {
    const snapshot = stored.snapshot
    if (entry.waiting.size === 0 || snapshot === null || stored.updates.length > 0) return
    if (!matchesDigest(snapshot, stored.snapshotDigest)) return
    await firstFrames([...entry.waiting], EARLY_SYNC_WAIT_MS)
    let step2: Uint8Array | null = null
    const sentTo: SocketLike[] = []
    for (const waiter of entry.waiting) {
      const at = waiter.buffered.findIndex(isFreshClientStep1)
      if (waiter.closed || at === -1) continue
      step2 ??= encodeSyncStep2Of(snapshot)
      try {
        waiter.socket.send(step2)
      } catch {
        continue
      }
      // Answered: the step 1 is not handled again once the room has loaded.
      waiter.buffered.splice(at, 1)
      waiter.sentStored = true
      sentTo.push(waiter.socket)
      this.options.metrics.bytesSent.inc(step2.length)
      this.options.metrics.earlySyncs.inc()
    }
    // Let the bytes leave before building the document keeps this thread busy.
    await drained(sentTo, EARLY_SYNC_WAIT_MS)
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
    this.unsubscribe(entry)
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
