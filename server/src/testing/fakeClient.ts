// Test support: an in-memory client that behaves like a stock y-websocket provider (step 1 on open,
// answers the server's step 1, sends its updates and awareness) over a fake SocketLike.

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { Principal } from '../auth/access.js'
import type { Role } from '../auth/roles.js'
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../sync/protocol.js'
import type { Connection, Room, SocketLike } from '../sync/room.js'

export interface Closed {
  code: number
  reason: string
}

/** Lets every queued message, microtask and immediate run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve))
}

export function principal(role: Role, boardId = 'board'): Principal {
  return { boardId, role, inviteId: `invite-${role}` }
}

export class FakeClient {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  /** Every frame the server sent, in order. */
  readonly received: Uint8Array[] = []
  closed: Closed | null = null
  private deliver: ((data: Uint8Array) => void) | null = null
  private offline = false
  private readonly outbox: Uint8Array[] = []

  readonly socket: SocketLike = {
    send: (data) => {
      this.received.push(data)
      this.onServerMessage(data)
    },
    close: (code, reason) => {
      this.closed ??= { code, reason }
    },
  }

  constructor() {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.writeUpdate(encoder, update)
      this.send(encoding.toUint8Array(encoder))
    })
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === this) return
      const changed = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])]
      this.send(awarenessMessage(this.awareness, changed))
    })
  }

  /** Connects straight to a room, the way the provider does when its socket opens. */
  connectTo(room: Room, who: Principal): Connection {
    this.offline = false
    const connection = room.connect(this.socket, who)
    this.attach((data) => void room.receive(connection, data))
    return connection
  }

  /** Wires the client to any transport (e.g. a Rooms handle) and sends the opening messages. */
  attach(deliver: (data: Uint8Array) => void): void {
    this.deliver = deliver
    this.offline = false
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    this.send(encoding.toUint8Array(encoder))
    if (this.awareness.getLocalState() !== null) {
      this.send(awarenessMessage(this.awareness, [this.doc.clientID]))
    }
    // Replies to what the server sent during connect(), now that there is somewhere to send them.
    for (const data of this.outbox.splice(0)) this.send(data)
  }

  /**
   * Loses the connection the way a dropped network does: edits made until the next connectTo are
   * not sent, and reach the server only through the sync handshake of that reconnection.
   */
  goOffline(room: Room, connection: Connection): void {
    this.offline = true
    this.deliver = null
    room.disconnect(connection)
  }

  send(data: Uint8Array): void {
    if (this.closed || this.offline) return
    if (!this.deliver) {
      this.outbox.push(data)
      return
    }
    // Asynchronous like a real socket: the server may still be inside connect().
    const deliver = this.deliver
    queueMicrotask(() => deliver(data))
  }

  /** Sync-update frames the server sent (type 0, subtype 2). */
  updatesReceived(): number {
    return this.received.filter((m) => m[0] === MESSAGE_SYNC && m[1] === syncProtocol.messageYjsUpdate).length
  }

  destroy(): void {
    this.awareness.destroy()
    this.doc.destroy()
  }

  private onServerMessage(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this)
      if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder))
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
    }
  }
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}
