// One board in memory: its Y.Doc, its awareness and the connections editing it, over a SocketLike
// (no transport here). Every incoming update is checked against the sender's role before anything
// else (shared's guard reads the encoded update, since a CRDT update cannot be taken back), then made
// durable in Storage, then applied and broadcast, here and (through the bus) on other instances.

import {
  type Card,
  checkClientWrite,
  commentAuthorIn,
  type DecodedUpdate,
  migrate,
  type Role,
  readCardsById,
  rereadCards,
  type Touch,
  touchesOfUpdate,
} from '@tideboard/shared'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { identityOf, type Principal } from '../auth/access.js'
import type { BusMessage } from '../bus/bus.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { Storage, StoredDoc } from '../storage/storage.js'
import { ClientOwners, type OwnerCheck, SERVER_OWNER } from './clientOwners.js'
import { checkAwarenessUpdate, DEFAULT_LIMITS, type Limits, RateLimiter } from './limits.js'
import {
  BUS_ORIGIN,
  connectionOrigin,
  isBusOrigin,
  isConnectionOrigin,
  isStorageOrigin,
  SERVER_ORIGIN,
} from './origin.js'
import {
  decodeMessage,
  encodeAwareness,
  encodeAwarenessMessage,
  encodeDurable,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2Of,
  encodeUpdate,
  isEmptyStateVector,
} from './protocol.js'
import { loadStoredDoc } from './restoreDoc.js'

/** What a room needs from a websocket. Implementations must not throw from close. */
export interface SocketLike {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  /** Bytes queued but not yet written to the network (a slow reader's backlog), when known. */
  bufferedAmount?(): number
}

export type IncomingData = Uint8Array | ArrayBuffer | string

/** Close codes the server uses (4xxx mirror HTTP: y-websocket clients do not reconnect on 44xx). */
export const CLOSE_CODES = {
  goingAway: 1001,
  tooBig: 1009,
  internalError: 1011,
  /** An update that builds on changes the server has not received yet (another tab was faster):
   * y-websocket reconnects and resends its whole difference, dependencies included. */
  tryAgain: 1013,
  malformed: 4400,
  forbidden: 4403,
  /** The client stopped reading: its backlog passed the limit. */
  tooSlow: 4408,
  tooManyMessages: 4429,
} as const

export interface RoomDeps {
  storage: Storage
  metrics: Metrics
  logger: Logger
  maxFrameBytes: number
  compactEvery: number
  /** Per-connection limits; DEFAULT_LIMITS when not given. */
  limits?: Limits
  /** Called when the last connection left. */
  onEmpty?: (room: Room) => void
  /** Tells other instances about this board: stored updates and local clients' presence. */
  publish?: (message: BusMessage) => void
  /**
   * Called synchronously after a client update that touched cards, people or KPIs was applied, with
   * the board as it was just before and just after. Server writes it makes are stored and broadcast
   * like any other.
   */
  onCardsChanged?: (change: CardsChanged) => void
}

export interface CardsChanged {
  room: Room
  principal: Principal
  touches: readonly Touch[]
  /** The cards the update could have changed, as they were before it and after it, by id. */
  before: ReadonlyMap<string, Card>
  after: ReadonlyMap<string, Card>
}

function watchedCardIds(doc: Y.Doc, touches: readonly Touch[]): string[] {
  const ids: string[] = []
  for (const t of touches) {
    if (t.root === 'people' || t.root === 'kpis') return [...doc.getMap('cards').keys()]
    if (t.root === 'cards' && t.key !== null && !ids.includes(t.key)) ids.push(t.key)
  }
  return ids
}

/** Roots whose changes can change what a card is (owners and KPI links are read through people and KPIs). */
const CARD_ROOTS = new Set(['cards', 'people', 'kpis'])

export class Connection {
  readonly awarenessIds = new Set<number>()
  closed = false
  /** Messages of one connection are handled strictly one after the other. */
  queue: Promise<void> = Promise.resolve()
  readonly messages: RateLimiter
  readonly presence: RateLimiter
  /** Whether the client asked to be told when what it sent is durable (Tideboard's own client does). */
  wantsDurableAcks = false
  constructor(
    readonly socket: SocketLike,
    readonly principal: Principal,
    limits: Limits = DEFAULT_LIMITS,
  ) {
    this.messages = new RateLimiter(limits.messagesPerSecond, limits.messageBurst)
    this.presence = new RateLimiter(limits.awarenessPerSecond, limits.awarenessPerSecond)
  }
}

function toBytes(data: Uint8Array | ArrayBuffer): Uint8Array {
  // A private copy when the view shares a larger buffer, so no read can stray outside the frame.
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return data
  return new Uint8Array(data)
}

/** The state vector of a client that has nothing. */
const EMPTY_STATE_VECTOR = Uint8Array.of(0)

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

export class Room {
  readonly awareness: awarenessProtocol.Awareness
  private readonly connections = new Set<Connection>()
  /** The highest row sequence number this document is known to contain (own, bus or storage). */
  private lastSeq = 0
  /** Every row up to this one was read from storage into the document (load or catch-up). */
  private syncedSeq = 0
  private catchingUp: Promise<CatchUp> | null = null
  private rowsSinceSnapshot = 0
  private appendsInFlight = 0
  private hasCorruptRows = false
  private serverWrites: Promise<void> = Promise.resolve()
  private compaction: Promise<void> | null = null
  private compactTimer: NodeJS.Immediate | null = null
  private stateCache: Y.Snapshot | null = null
  /**
   * The sync step 2 for a client that has nothing (every fresh join), encoded once and sent to each
   * until the document changes; right after a load from a snapshot alone, the stored snapshot itself.
   */
  private fullSync: Uint8Array | null = null
  /**
   * When the document was built from the stored snapshot alone: its state vector right after (the
   * snapshot's) and whether the document has changed since. What a client sent that snapshot while
   * the room loaded (rooms.ts) still lacks.
   */
  private loadedSnapshot: { stateVector: Uint8Array; changed: boolean } | null = null
  private destroyed = false
  /** Set when a server write could not be stored: the document holds something storage does not. */
  private broken: unknown = null
  /** Who may write under which client id; the room's own id is the server's from the start. */
  private readonly clientOwners: ClientOwners
  /** Recording the room's client id as the server's in storage, before its first write is stored. */
  private ownClaim: Promise<void> | null = null

  constructor(
    readonly boardId: string,
    private readonly deps: RoomDeps,
    readonly doc: Y.Doc = new Y.Doc(),
  ) {
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.clientOwners = new ClientOwners(boardId, deps.storage)
    this.clientOwners.reserve(this.doc.clientID, SERVER_OWNER)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) =>
      this.onAwarenessUpdate(change, origin),
    )
  }

  /**
   * Loads the board from storage (or from `stored`, what `storage.loadDoc` returned to the caller)
   * and migrates it; resolves once everything it holds is durable.
   */
  static async load(boardId: string, deps: RoomDeps, stored?: StoredDoc): Promise<Room> {
    // Read before the room listens to the document (the storage origin's update would be encoded
    // whole for nothing); migrations below are written with the room listening, so they are stored.
    const restored = await loadStoredDoc(deps.storage, boardId, deps.logger, deps.metrics, stored)
    const room = new Room(boardId, deps, restored.doc)
    try {
      room.lastSeq = restored.lastSeq
      room.syncedSeq = restored.lastSeq
      room.rowsSinceSnapshot = restored.rows
      // Keep corrupt rows on disk for inspection: a compaction would delete them.
      room.hasCorruptRows = restored.corrupt > 0
      // The stored snapshot encodes exactly this document (a migration below replaces it). Not after a
      // fallback (a damaged snapshot): then the document was not built from what `stored` holds.
      if (restored.onlySnapshot && (stored === undefined || restored.onlySnapshot === stored.snapshot)) {
        room.fullSync = encodeSyncStep2Of(restored.onlySnapshot)
        room.loadedSnapshot = { stateVector: Y.encodeStateVector(room.doc), changed: false }
      }
      const migrated = migrate(room.doc)
      if (!migrated.ok) deps.logger.warn('board left unmigrated', { boardId, error: migrated.error })
      await room.serverWrites
      if (room.broken !== null) throw room.broken
    } catch (error) {
      room.destroy()
      throw error
    }
    room.scheduleCompaction()
    return room
  }

  get size(): number {
    return this.connections.size
  }

  /**
   * `sentStored`: this client was sent the stored snapshot (the `stored` of load) as its sync step 2
   * while the room loaded (rooms.ts); it then gets what the document holds beyond it, if anything.
   */
  connect(socket: SocketLike, principal: Principal, sentStored = false): Connection {
    const connection = new Connection(socket, principal, this.limits)
    this.connections.add(connection)
    this.deps.metrics.connectionsOpen.inc()
    if (this.broken !== null) {
      this.refuse(connection, CLOSE_CODES.tryAgain, 'board is reloading after a storage failure')
      return connection
    }
    this.send(connection, encodeSyncStep1(this.doc))
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length > 0) this.send(connection, encodeAwareness(this.awareness, clients))
    const loaded = this.loadedSnapshot
    if (sentStored && (loaded === null || loaded.changed)) {
      // Queued like the client's own step 1 would be: after server writes in flight are durable. A
      // document not built from those bytes (a damaged snapshot's fallback) is sent whole.
      const stateVector = loaded?.stateVector ?? EMPTY_STATE_VECTOR
      connection.queue = connection.queue.then(() =>
        this.handleSafely(connection, () => this.replyToStep1(connection, stateVector)),
      )
    }
    return connection
  }

  /** Queues one frame from `connection`; the promise settles when it has been handled (never rejects). */
  receive(connection: Connection, data: IncomingData): Promise<void> {
    if (!connection.closed && !connection.messages.take()) {
      this.deps.metrics.updatesRefused.inc({ reason: 'rate' })
      this.refuse(connection, CLOSE_CODES.tooManyMessages, 'too many messages')
      return Promise.resolve()
    }
    const handled = connection.queue.then(() =>
      this.handleSafely(connection, () => this.handle(connection, data)),
    )
    connection.queue = handled
    return handled
  }

  disconnect(connection: Connection): void {
    if (connection.closed) return
    connection.closed = true
    if (this.connections.delete(connection)) this.deps.metrics.connectionsOpen.dec()
    if (connection.awarenessIds.size > 0 && !this.destroyed) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null)
    }
    if (this.connections.size === 0) this.deps.onEmpty?.(this)
  }

  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) this.refuse(connection, code, reason)
  }

  /** Open connections whose principal matches, for revocation and live role changes. */
  connectionsWhere(match: (principal: Principal) => boolean): Connection[] {
    return [...this.connections].filter((c) => match(c.principal))
  }

  /**
   * Runs `write` on the document inside one transaction with the server's origin; resolves once what
   * it wrote is durable and has been broadcast.
   */
  async writeAsServer<T>(write: (doc: Y.Doc) => T): Promise<T> {
    if (this.destroyed) throw new Error(`room ${this.boardId} is closed`)
    let result: T | undefined
    this.doc.transact(() => {
      result = write(this.doc)
    }, SERVER_ORIGIN)
    await this.serverWrites
    if (this.broken !== null) throw new Error(`could not store a server write on board ${this.boardId}`)
    return result as T
  }

  /** Writes the document as a snapshot and drops the log rows it covers. */
  compact(): Promise<void> {
    if (this.compaction) return this.compaction
    // A broken room's document holds a write storage refused: a snapshot of it must never be written.
    if (this.hasCorruptRows || this.broken !== null || this.rowsSinceSnapshot === 0) return Promise.resolve()
    this.compaction = this.runCompaction().finally(() => {
      this.compaction = null
    })
    return this.compaction
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    if (this.compactTimer) clearImmediate(this.compactTimer)
    this.awareness.destroy()
    this.doc.destroy()
  }

  private async handleSafely(connection: Connection, work: () => Promise<void>): Promise<void> {
    try {
      await work()
    } catch (error) {
      this.deps.logger.error('unexpected error while handling a sync message', {
        boardId: this.boardId,
        inviteId: connection.principal.inviteId,
        error,
      })
      this.refuse(connection, CLOSE_CODES.internalError, 'internal error')
    }
  }

  /** Sends what the document holds beyond `stateVector` (a client's sync step 1) as a sync step 2. */
  private async replyToStep1(connection: Connection, stateVector: Uint8Array): Promise<void> {
    // The reply reflects the document; server-side edits in it must be durable first.
    await this.serverWrites
    if (connection.closed || this.destroyed) return
    if (isEmptyStateVector(stateVector)) {
      this.fullSync ??= encodeSyncStep2Of(Y.encodeStateAsUpdate(this.doc))
      this.send(connection, this.fullSync)
    } else {
      this.send(connection, encodeSyncStep2(this.doc, stateVector))
    }
  }

  private async handle(connection: Connection, data: IncomingData): Promise<void> {
    if (connection.closed || this.destroyed) return
    if (typeof data === 'string') {
      this.refuse(connection, CLOSE_CODES.malformed, 'expected a binary message')
      return
    }
    const bytes = toBytes(data)
    this.deps.metrics.bytesReceived.inc(bytes.length)
    if (bytes.length > this.deps.maxFrameBytes) {
      this.refuse(connection, CLOSE_CODES.tooBig, 'message too big')
      return
    }
    const decoded = decodeMessage(bytes)
    if (!decoded.ok) {
      this.deps.metrics.updatesRefused.inc({ reason: 'malformed' })
      this.refuse(connection, CLOSE_CODES.malformed, decoded.error)
      return
    }
    const message = decoded.value
    switch (message.type) {
      case 'sync-step1':
        await this.replyToStep1(connection, message.stateVector)
        return
      case 'sync-step2':
      case 'sync-update':
        await this.handleUpdate(connection, message.update, message.decoded)
        return
      case 'awareness':
        this.receivePresence(connection, message.update)
        return
      case 'durable-hello':
        connection.wantsDurableAcks = true
        await this.serverWrites
        this.send(connection, encodeDurable(this.doc))
        return
      case 'query-awareness': {
        const clients = [...this.awareness.getStates().keys()]
        if (clients.length > 0) this.send(connection, encodeAwareness(this.awareness, clients))
        return
      }
      case 'unknown':
        this.deps.logger.debug('ignored unknown message type', {
          boardId: this.boardId,
          messageType: message.messageType,
        })
        return
    }
  }

  private async handleUpdate(
    connection: Connection,
    received: Uint8Array,
    decoded: DecodedUpdate,
  ): Promise<void> {
    this.deps.metrics.updatesReceived.inc()
    const spans = clockSpans(decoded)
    // A y-websocket client answers the server's step 1 with a step 2 even when it has nothing new
    // (and a step 2 always carries the whole delete set): such an update changes nothing, so it is
    // neither stored nor a reason to refuse a viewer.
    if (this.alreadyContains(received, spans)) {
      if (connection.wantsDurableAcks) this.send(connection, encodeDurable(this.doc))
      return
    }
    if (!canWrite(connection.principal.role)) {
      this.deps.metrics.updatesRefused.inc({ reason: 'forbidden' })
      this.refuse(connection, CLOSE_CODES.forbidden, 'viewers cannot edit')
      return
    }
    // Only what this document lacks is checked, stored and applied. Structs it already has must not
    // stand in for the real ones: Yjs drops such copies and resolves references against the document,
    // so a guard that trusted them could be shown one thing while another is written.
    // A live edit starts where the document ends for every client it carries, so it is already that
    // difference: only an update that overlaps the document (a resend after a reconnect) is cut.
    let update = received
    let structs: Uint8Array | DecodedUpdate = decoded
    if (overlaps(this.doc, spans)) {
      try {
        update = Y.diffUpdate(received, Y.encodeStateVector(this.doc))
        structs = update
      } catch (error) {
        this.deps.metrics.updatesRefused.inc({ reason: 'malformed' })
        this.refuse(connection, CLOSE_CODES.malformed, `malformed update: ${describe(error)}`)
        return
      }
    }
    // Decoding already succeeded (decodeMessage), so the only failure left is an update that refers
    // to items this document does not have yet.
    const touches = touchesOfUpdate(this.doc, structs)
    if (!touches.ok) {
      this.deps.metrics.updatesRefused.inc({ reason: 'unresolved' })
      this.refuse(connection, CLOSE_CODES.tryAgain, touches.error)
      return
    }
    const allowed = checkClientWrite(touches.value, connection.principal.role, {
      identity: identityOf(connection.principal).id,
      authorOf: commentAuthorIn(this.doc),
    })
    if (!allowed.ok) {
      this.deps.metrics.updatesRefused.inc({ reason: 'forbidden' })
      this.deps.logger.info('refused a client write', {
        boardId: this.boardId,
        inviteId: connection.principal.inviteId,
        memberId: connection.principal.memberId,
        reason: allowed.error,
      })
      this.refuse(connection, CLOSE_CODES.forbidden, allowed.error)
      return
    }
    const owned = this.checkClientIds(connection, spans)
    if (!(typeof owned === 'boolean' ? owned : await owned)) return
    try {
      await this.append(update)
    } catch (error) {
      this.deps.logger.error('could not store an update', { boardId: this.boardId, error })
      this.deps.metrics.updatesRefused.inc({ reason: 'storage' })
      this.refuse(connection, CLOSE_CODES.internalError, 'storage failure')
      return
    }
    if (this.destroyed) return
    const watch = this.deps.onCardsChanged && touches.value.some((t) => CARD_ROOTS.has(t.root))
    // Only the cards the update touches are read, so an edit costs the same on a board of any size;
    // a change to people or KPIs can change every card's owners or links, so then all are read.
    const cardIds = watch ? watchedCardIds(this.doc, touches.value) : null
    const before = cardIds ? readCardsById(this.doc, cardIds) : null
    // Structs held back for a missing dependency can be integrated by this update too, and change
    // places its touches do not list.
    const settled = this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null
    try {
      Y.applyUpdate(this.doc, update, connectionOrigin(connection))
    } catch (error) {
      // Stored but not applicable: on the next load it is reported as a corrupt row and skipped.
      this.deps.logger.warn('update decoded but failed to apply', {
        boardId: this.boardId,
        error: describe(error),
      })
      this.deps.metrics.updatesRefused.inc({ reason: 'unapplicable' })
      this.refuse(connection, CLOSE_CODES.malformed, 'update could not be applied')
      return
    }
    this.deps.metrics.updatesApplied.inc()
    // Stored before it was applied: everything up to this state vector is durable.
    if (connection.wantsDurableAcks) this.send(connection, encodeDurable(this.doc))
    if (before && this.deps.onCardsChanged) {
      try {
        this.deps.onCardsChanged({
          room: this,
          principal: connection.principal,
          touches: touches.value,
          before,
          // An edit to a card's own fields (a keystroke in its title or description) reads only those
          // fields again.
          after:
            (settled ? rereadCards(this.doc, before, touches.value) : null) ??
            readCardsById(this.doc, cardIds ?? []),
        })
      } catch (error) {
        // The update is applied and stored; what follows from it must not cost the sender its socket.
        this.deps.logger.error('could not apply the consequences of an update', {
          boardId: this.boardId,
          error,
        })
      }
    }
  }

  /**
   * Whether the connection's identity owns every client id the update writes new structs under (its
   * clocks reach past the document's), claiming the unowned ones; refuses the connection when not.
   * Answers synchronously when every id's owner is known (every update but a client's first).
   */
  private checkClientIds(
    connection: Connection,
    spans: ReadonlyMap<number, ClockSpan>,
  ): boolean | Promise<boolean> {
    const writer = identityOf(connection.principal)
    const inserted: number[] = []
    for (const [client, span] of spans)
      if (span.to > Y.getState(this.doc.store, client)) inserted.push(client)
    const checked = this.clientOwners.check(
      inserted,
      { id: writer.id, inviteId: connection.principal.inviteId },
      // An id another identity's connection presents right now is theirs to claim, not this one's.
      (clientId) =>
        ![...this.connections].some(
          (other) => other.awarenessIds.has(clientId) && identityOf(other.principal).id !== writer.id,
        ),
    )
    if (!(checked instanceof Promise)) return this.ownerChecked(connection, checked)
    return checked.then(
      (owned) => this.ownerChecked(connection, owned),
      (error: unknown) => {
        this.deps.logger.error('could not check the owners of client ids', { boardId: this.boardId, error })
        this.deps.metrics.updatesRefused.inc({ reason: 'storage' })
        this.refuse(connection, CLOSE_CODES.internalError, 'storage failure')
        return false
      },
    )
  }

  /** True when `owned` lets the update through; otherwise refuses the connection. */
  private ownerChecked(connection: Connection, owned: OwnerCheck): boolean {
    if (owned.ok) return true
    this.deps.metrics.updatesRefused.inc({ reason: 'client-id' })
    this.deps.logger.warn('refused a write under another identity’s client id', {
      boardId: this.boardId,
      inviteId: connection.principal.inviteId,
      memberId: connection.principal.memberId,
      clientId: owned.clientId,
      owner: owned.owner,
    })
    this.refuse(connection, CLOSE_CODES.forbidden, owned.error)
    return false
  }

  /** True when applying `update` would change nothing in the document. */
  private alreadyContains(update: Uint8Array, spans?: ReadonlyMap<number, ClockSpan>): boolean {
    if (spans) {
      for (const [client, span] of spans) if (Y.getState(this.doc.store, client) < span.to) return false
    } else {
      for (const [client, clock] of Y.parseUpdateMeta(update).to)
        if (Y.getState(this.doc.store, client) < clock) return false
    }
    this.stateCache ??= Y.snapshot(this.doc)
    return Y.snapshotContainsUpdate(this.stateCache, update)
  }

  private async append(update: Uint8Array): Promise<void> {
    this.appendsInFlight += 1
    const stopTimer = this.deps.metrics.storageAppendSeconds.startTimer()
    let seq: number
    try {
      seq = await this.deps.storage.appendUpdate(this.boardId, update)
      this.lastSeq = Math.max(this.lastSeq, seq)
      this.rowsSinceSnapshot += 1
    } finally {
      stopTimer()
      this.appendsInFlight -= 1
    }
    // Durable now, so other instances may apply it.
    this.deps.publish?.({ kind: 'update', boardId: this.boardId, seq, data: update })
    this.scheduleCompaction()
  }

  /** Applies what another instance published about this board. */
  receiveFromBus(message: BusMessage): void {
    if (this.destroyed) return
    switch (message.kind) {
      case 'update':
        try {
          Y.applyUpdate(this.doc, message.data, BUS_ORIGIN)
        } catch (error) {
          this.deps.logger.warn('ignored an update from the bus that failed to apply', {
            boardId: this.boardId,
            seq: message.seq,
            error: describe(error),
          })
          return
        }
        this.lastSeq = Math.max(this.lastSeq, message.seq)
        this.rowsSinceSnapshot += 1
        this.scheduleCompaction()
        return
      case 'awareness':
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.data, BUS_ORIGIN)
        } catch (error) {
          this.deps.logger.warn('ignored a malformed awareness update from the bus', {
            boardId: this.boardId,
            error: describe(error),
          })
        }
        return
      case 'awareness-query': {
        const local = this.localAwarenessIds()
        if (local.length > 0) {
          this.deps.publish?.({
            kind: 'awareness',
            boardId: this.boardId,
            data: awarenessProtocol.encodeAwarenessUpdate(this.awareness, local),
          })
        }
        return
      }
      default:
        return
    }
  }

  /**
   * Reads the rows stored since the last read and applies what the document lacks (a diff against its
   * state vector), for updates the bus may have lost. Concurrent calls share one read.
   */
  catchUp(): Promise<CatchUp> {
    this.catchingUp ??= this.runCatchUp().finally(() => {
      this.catchingUp = null
    })
    return this.catchingUp
  }

  private async runCatchUp(): Promise<CatchUp> {
    const stored = await this.deps.storage.loadDoc(this.boardId, this.syncedSeq)
    if (this.destroyed) return { rows: 0, applied: false }
    const parts = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((u) => u.data)]
    let seen = Math.max(this.syncedSeq, stored.snapshot ? stored.snapshotSeq : 0)
    for (const row of stored.updates) seen = Math.max(seen, row.seq)
    let applied = false
    if (parts.length > 0) {
      const missing = Y.diffUpdate(Y.mergeUpdates(parts), Y.encodeStateVector(this.doc))
      if (!this.alreadyContains(missing)) {
        Y.applyUpdate(this.doc, missing, BUS_ORIGIN)
        applied = true
      }
    }
    this.syncedSeq = seen
    this.lastSeq = Math.max(this.lastSeq, seen)
    return { rows: stored.updates.length, applied }
  }

  /** Awareness client ids held by this instance's own connections. */
  private localAwarenessIds(): number[] {
    const ids = new Set<number>()
    for (const connection of this.connections) for (const id of connection.awarenessIds) ids.add(id)
    return [...ids].filter((id) => this.awareness.getStates().has(id))
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    this.stateCache = null
    this.fullSync = null
    if (this.loadedSnapshot) this.loadedSnapshot.changed = true
    if (isStorageOrigin(origin)) return
    if (isBusOrigin(origin)) {
      // Stored and published by the instance that received it.
      this.broadcast(encodeUpdate(update), null)
      return
    }
    if (isConnectionOrigin(origin)) {
      // Already durable: handleUpdate stored it before applying.
      this.broadcast(encodeUpdate(update), origin.connection)
      return
    }
    // Written on the server (migrations, later server-side ops): store, then broadcast.
    const write = this.appendAsServer(update).then(
      () => this.broadcast(encodeUpdate(update), null),
      (error: unknown) => {
        // Never serve what storage does not hold: everyone is disconnected and the room refuses new
        // connections until it is unloaded and read again from storage.
        this.deps.logger.error('could not store a server update; closing the board', {
          boardId: this.boardId,
          error,
        })
        this.broken = error
        this.closeAll(CLOSE_CODES.internalError, 'storage failure')
      },
    )
    this.serverWrites = this.serverWrites.then(() => write)
  }

  /**
   * Stores a server write. The room's client id is recorded as the server's alongside its first write
   * (in parallel, so that costs no extra round trip): no client can claim it first, since nobody sees
   * the id before that write is stored. Should a client have guessed it, the write fails, and the room
   * closes its connections and reloads with a new id.
   */
  private async appendAsServer(update: Uint8Array): Promise<void> {
    this.ownClaim ??= this.clientOwners.claimForServer(this.doc.clientID).then((mine) => {
      if (!mine) throw new Error(`client id ${this.doc.clientID} is owned by a client; the room must reload`)
    })
    await Promise.all([this.ownClaim, this.append(update)])
  }

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessIds.add(id)
      for (const id of updated) origin.awarenessIds.add(id)
      for (const id of removed) origin.awarenessIds.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0 || this.destroyed) return
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
    // Sent to the sender too: that echo is what keeps an idle y-websocket client's 30 s watchdog
    // from reconnecting, as the reference server does.
    this.broadcast(encodeAwarenessMessage(update), null)
    if (!isBusOrigin(origin)) this.deps.publish?.({ kind: 'awareness', boardId: this.boardId, data: update })
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const connection of this.connections) {
      if (connection !== except) this.send(connection, message)
    }
  }

  private get limits(): Limits {
    return this.deps.limits ?? DEFAULT_LIMITS
  }

  /** Presence from a client: rate-limited, validated, and only for client ids no other socket owns. */
  private receivePresence(connection: Connection, update: Uint8Array): void {
    if (!connection.presence.take()) {
      this.deps.metrics.updatesRefused.inc({ reason: 'presence-rate' })
      return
    }
    const checked = checkAwarenessUpdate(update, this.limits.maxAwarenessBytes)
    const foreign =
      checked.ok &&
      checked.value.some((id) =>
        [...this.connections].some((other) => other !== connection && other.awarenessIds.has(id)),
      )
    if (!checked.ok || foreign) {
      this.deps.metrics.updatesRefused.inc({ reason: 'presence' })
      this.deps.logger.debug('dropped a presence update', {
        boardId: this.boardId,
        reason: checked.ok ? 'another connection’s client id' : checked.error,
      })
      return
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection)
  }

  private send(connection: Connection, message: Uint8Array): void {
    if (connection.closed) return
    try {
      connection.socket.send(message)
      this.deps.metrics.bytesSent.inc(message.length)
      const backlog = connection.socket.bufferedAmount?.() ?? 0
      if (backlog > this.limits.maxBufferedBytes) {
        this.deps.metrics.updatesRefused.inc({ reason: 'slow-consumer' })
        this.refuse(connection, CLOSE_CODES.tooSlow, 'too slow: the client is not reading')
      }
    } catch (error) {
      this.deps.logger.debug('send failed; dropping connection', {
        boardId: this.boardId,
        error: describe(error),
      })
      this.disconnect(connection)
    }
  }

  private refuse(connection: Connection, code: number, reason: string): void {
    if (connection.closed) return
    this.deps.logger.debug('closing connection', { boardId: this.boardId, code, reason })
    try {
      // Close reasons are limited to 123 bytes.
      connection.socket.close(code, reason.slice(0, 120))
    } catch (error) {
      this.deps.logger.debug('close failed', { boardId: this.boardId, error: describe(error) })
    }
    this.disconnect(connection)
  }

  private scheduleCompaction(): void {
    if (this.rowsSinceSnapshot < this.deps.compactEvery || this.compactTimer || this.compaction) return
    if (this.destroyed || this.hasCorruptRows) return
    this.compactTimer = setImmediate(() => {
      this.compactTimer = null
      this.compact().catch((error: unknown) =>
        this.deps.logger.error('background compaction failed', { boardId: this.boardId, error }),
      )
    })
  }

  private async runCompaction(): Promise<void> {
    // Rows appended but not yet applied must not be deleted under a snapshot that lacks them.
    while (this.appendsInFlight > 0) await new Promise((resolve) => setImmediate(resolve))
    if (this.doc.isDestroyed) return
    const uptoSeq = this.lastSeq
    const rows = this.rowsSinceSnapshot
    const snapshot = Y.encodeStateAsUpdate(this.doc)
    await this.deps.storage.compact(this.boardId, snapshot, uptoSeq)
    this.rowsSinceSnapshot -= rows
    this.deps.metrics.compactions.inc()
  }
}

export interface CatchUp {
  /** Update rows read from storage. */
  rows: number
  /** Whether they held anything the document lacked. */
  applied: boolean
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** The clocks an update's structs cover for one client: from the first to past the last. */
interface ClockSpan {
  from: number
  to: number
}

/** Per client, the clocks a decoded update's structs cover (what Y.parseUpdateMeta reads from bytes). */
function clockSpans(decoded: DecodedUpdate): Map<number, ClockSpan> {
  const spans = new Map<number, ClockSpan>()
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id
    const end = clock + struct.length
    const span = spans.get(client)
    if (span) {
      span.from = Math.min(span.from, clock)
      span.to = Math.max(span.to, end)
    } else {
      spans.set(client, { from: clock, to: end })
    }
  }
  return spans
}

/** Whether an update carries structs the document already has (a resend): then it must be cut. */
function overlaps(doc: Y.Doc, spans: ReadonlyMap<number, ClockSpan>): boolean {
  for (const [client, span] of spans) if (span.from < Y.getState(doc.store, client)) return true
  return false
}

/** Whether a role may change the board at all (viewers may only read and show their presence). */
function canWrite(role: Role): boolean {
  return role !== 'viewer'
}
