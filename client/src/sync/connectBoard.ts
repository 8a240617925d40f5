// The only place that opens a socket. Creates a board's Y.Doc, keeps it in IndexedDB for offline
// use and syncs it with the server through a stock y-websocket provider, and reports one connection
// state that the UI can show: connecting, connected, reconnecting or offline, plus a terminal failure
// when the server says the token cannot open this board (or no longer: a revoked person). When the
// server refuses one of this copy's writes, the copy is poisoned (a CRDT update cannot be taken back),
// so it is dropped, in memory and in IndexedDB, and the caller starts over from the server's copy.
// The provider's awareness (presence: who is here, where, editing what) is handed out as it is; what
// goes into it and what is read from it is presence/'s business. Edits the server has not confirmed
// as stored are counted across reloads (unsavedEdits.ts), so an offline reload still says how many.
// Opening a board this browser keeps is on the critical path of showing it: nobody listens to the
// document's 'update' event while the local copy loads (Yjs would encode the whole copy as an update
// for them), and the provider (BoardProvider: no whole-board message to other tabs on connecting)
// starts after the local copy has loaded, in a task of its own (after the board renders from the
// copy when the board is already open).

import * as decoding from 'lib0/decoding'
import { IndexeddbPersistence } from 'y-indexeddb'
import { Awareness } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { BoardProvider } from './BoardProvider'
import { heldIn, loadUnsavedEdits, notStoredBy, storeUnsavedEdits, type UnsavedEdit } from './unsavedEdits'

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline'

export type FailureKind = 'unauthorized' | 'forbidden' | 'revoked' | 'notFound' | 'rejected'

/** The close reason the server gives when a person or an invite link loses access. */
export const REVOKED_REASON = 'access revoked'

export interface ConnectionFailure {
  kind: FailureKind
  /** The websocket close code or HTTP status that said so. */
  code: number
  message: string
}

export interface ConnectionState {
  status: ConnectionStatus
  /** The server's copy has been merged in at least once since connecting. */
  serverSynced: boolean
  /** The copy kept in this browser has been loaded (it may be empty). */
  localLoaded: boolean
  /** Set when the server refused this token or board; no more reconnecting after that. */
  failure: ConnectionFailure | null
  /**
   * Set when the server refused a write from this copy (the reason it gave). The local copy has been
   * dropped by then; the caller opens a fresh connection to resync.
   */
  refusedWrite: string | null
  /** Whether the server acknowledges durable writes (it told this connection its stored state). */
  acknowledged: boolean
  /** Edits made here that the server has not yet confirmed as stored. */
  unsaved: number
}

/** Tideboard's own sync message: asks for, and carries, the server's durably stored state vector. */
export const MESSAGE_DURABLE = 100

export interface BoardConnection {
  readonly doc: Y.Doc
  /** Presence of the tabs on this board, shared through the same socket. */
  readonly awareness: Awareness
  getState(): ConnectionState
  subscribe(listener: () => void): () => void
  /** Tries again after a failure (a new invite may have been stored meanwhile). */
  retry(): void
  destroy(): void
}

export interface ConnectOptions {
  boardId: string
  token: string
  /**
   * Asks the REST API whether the token still opens the board. A refused upgrade (HTTP 401/403/404)
   * reaches the browser as a bare close without a code, so repeated failures are checked this way.
   */
  checkAccess?: () => Promise<ConnectionFailure | null>
  /** Keep a copy in IndexedDB (on by default). */
  persist?: boolean
}

export function failureForCloseCode(code: number, reason = ''): ConnectionFailure {
  switch (code) {
    case 4401:
      return { kind: 'unauthorized', code, message: 'This invite link is not valid (any more).' }
    case 4403:
      return reason === REVOKED_REASON
        ? { kind: 'revoked', code, message: 'Your access to this board was removed by its owner.' }
        : { kind: 'forbidden', code, message: 'Your invite does not allow this on this board.' }
    case 4404:
      return { kind: 'notFound', code, message: 'This board does not exist on this server.' }
    default:
      return {
        kind: 'rejected',
        code,
        message: reason ? `The server closed the connection: ${reason}` : 'The server closed the connection.',
      }
  }
}

const LOCAL_LOAD_TIMEOUT_MS = 1500

/** Failed attempts in a row, without ever opening, before asking the REST API why. */
const FAILURES_BEFORE_CHECK = 2

export function syncUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/sync`
}

export function connectBoard({
  boardId,
  token,
  checkAccess,
  persist = true,
}: ConnectOptions): BoardConnection {
  const doc = new Y.Doc()
  const awareness = new Awareness(doc)
  const listeners = new Set<() => void>()
  const local = persist ? new IndexeddbPersistence(`tideboard:${boardId}`, doc) : null
  // Stores nothing while the copy loads (it would store only what it loads); listens again from then.
  if (local) doc.off('update', local._storeUpdate)
  // With a local copy, the provider connects once it is loaded: what it holds then goes out in the sync
  // handshake as only what the server lacks, instead of being re-sent whole as a fresh update.
  let provider: WebsocketProvider | null = null

  let everConnected = false
  let failedAttempts = 0
  let checking = false
  let destroyed = false
  let serverSynced = false
  let localLoaded = local === null
  let failure: ConnectionFailure | null = null
  let refusedWrite: string | null = null
  // What the server said it holds durably, and the local edits (client id, clock after the edit) it
  // has not confirmed yet, including those of earlier sessions whose edits wait in IndexedDB. "Saved"
  // means the server has it stored, not merely that it was sent.
  let durable: Map<number, number> | null = null
  let pending: UnsavedEdit[] = local ? loadUnsavedEdits(boardId) : []
  let state = computeState()

  function setPending(next: UnsavedEdit[]): void {
    if (next.length === pending.length && next.every((e, i) => e === pending[i])) return
    pending = next
    if (local) storeUnsavedEdits(boardId, pending)
    update()
  }
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if ((provider !== null && origin === provider) || origin === local) return
    setPending([...pending, { client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) }])
  }
  let listening = false
  /** From the first edit anyone can make on: count unsaved edits, and keep every update locally. */
  function listen(): void {
    if (listening || destroyed) return
    listening = true
    if (local) doc.on('update', local._storeUpdate)
    doc.on('update', onUpdate)
  }
  if (!local) listen()

  function startProvider(): WebsocketProvider {
    const started = new BoardProvider(syncUrl(), boardId, doc, { params: { token }, awareness })
    started.messageHandlers[MESSAGE_DURABLE] = (_encoder, decoder) => {
      durable = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
      setPending(notStoredBy(pending, durable))
      update()
    }
    started.on('status', ({ status }) => {
      if (status === 'connected') {
        everConnected = true
        failedAttempts = 0
        // Ask to be told when what this copy sends is stored (a server that does not know the message
        // ignores it, and the indicator then says "Connected" rather than "saved").
        started.ws?.send(new Uint8Array([MESSAGE_DURABLE]))
      }
      update()
    })
    started.on('sync', (isSynced) => {
      if (isSynced) serverSynced = true
      update()
    })
    started.on('closed', ({ code, reason }) => {
      if (code === 4403 && reason !== REVOKED_REASON && reason !== '') refuse(reason)
      else fail(failureForCloseCode(code, reason))
    })
    started.on('connection-close', (event) => {
      // `event` is null for closes we made ourselves; those say nothing about access.
      if (event === null || started.wsconnected) return
      failedAttempts++
      update()
      if (checkAccess && !checking && failure === null && failedAttempts >= FAILURES_BEFORE_CHECK) {
        checking = true
        checkAccess()
          .then((refused) => {
            if (refused && !destroyed) fail(refused)
          })
          .catch((error: unknown) => console.error('Checking board access failed', error))
          .finally(() => {
            checking = false
          })
      }
    })
    return started
  }

  function computeState(): ConnectionState {
    const online = typeof navigator === 'undefined' || navigator.onLine
    const status: ConnectionStatus = !online
      ? 'offline'
      : provider?.wsconnected && provider.synced
        ? 'connected'
        : everConnected || failedAttempts > 0
          ? 'reconnecting'
          : 'connecting'
    return {
      status,
      serverSynced,
      localLoaded,
      failure,
      refusedWrite,
      acknowledged: durable !== null,
      unsaved: pending.length,
    }
  }

  function update(): void {
    if (destroyed) return
    const next = computeState()
    if (
      next.status === state.status &&
      next.serverSynced === state.serverSynced &&
      next.localLoaded === state.localLoaded &&
      next.failure === state.failure &&
      next.refusedWrite === state.refusedWrite &&
      next.acknowledged === state.acknowledged &&
      next.unsaved === state.unsaved
    ) {
      return
    }
    state = next
    for (const l of listeners) l()
  }

  function fail(next: ConnectionFailure): void {
    failure = next
    provider?.disconnect()
    update()
  }

  function refuse(reason: string): void {
    provider?.disconnect()
    setPending([])
    // Nothing of this copy may come back: not from memory, not from IndexedDB on the next load.
    const cleared = local
      ? local.clearData().catch((error: unknown) => console.error('Clearing the local copy failed', error))
      : Promise.resolve()
    void cleared.then(() => {
      refusedWrite = reason
      update()
    })
  }

  function open(): void {
    listen()
    if (provider) provider.connect()
    else provider = startProvider()
  }
  const connectOnce = () => {
    if (!destroyed && failure === null && !provider?.shouldConnect) open()
  }
  // A broken or slow IndexedDB (private windows, full disks) must not keep the board offline.
  const localTimeout = local ? setTimeout(connectOnce, LOCAL_LOAD_TIMEOUT_MS) : undefined
  local?.on('synced', () => {
    localLoaded = true
    clearTimeout(localTimeout)
    listen()
    setPending(heldIn(pending, doc))
    update()
    // The board renders from the local copy first (React renders in a microtask of this task), then
    // the provider connects; edits made in between go out in its sync handshake.
    setTimeout(connectOnce, 0)
  })

  const onNetworkChange = () => {
    if (navigator.onLine && failure === null && !destroyed && (localLoaded || provider?.shouldConnect)) open()
    update()
  }
  window.addEventListener('online', onNetworkChange)
  window.addEventListener('offline', onNetworkChange)

  return {
    doc,
    awareness,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    retry() {
      failure = null
      failedAttempts = 0
      open()
      update()
    },
    destroy() {
      destroyed = true
      clearTimeout(localTimeout)
      listeners.clear()
      window.removeEventListener('online', onNetworkChange)
      window.removeEventListener('offline', onNetworkChange)
      provider?.destroy()
      awareness.destroy()
      void local?.destroy()
      doc.destroy()
    },
  }
}
