// How server instances tell each other what happened on a board: document updates (after they are
// durable), presence, access changes, and "catch up from storage". In-process by default (local.ts),
// Redis pub/sub across instances (redis.ts). A bus never delivers an instance its own messages, and
// may lose messages while it is down: storage is the record, the bus only keeps rooms current.

/** Whose sockets an access change is about: a member, or people on an invite link who never joined. */
export type AccessTarget = { memberId: string } | { inviteId: string }

export type ControlEvent =
  | { type: 'close'; target: AccessTarget; code: number; reason: string }
  | { type: 'role'; memberId: string; role: string; function: string | null }

export type BusMessage =
  /** An update already committed to storage as row `seq` of the board. */
  | { kind: 'update'; boardId: string; seq: number; data: Uint8Array }
  /** A y-protocols awareness update from clients of the sending instance. */
  | { kind: 'awareness'; boardId: string; data: Uint8Array }
  /** A room was just loaded: instances holding the board answer with their clients' presence. */
  | { kind: 'awareness-query'; boardId: string }
  | { kind: 'control'; boardId: string; event: ControlEvent }
  /** The sender was cut off and may have failed to publish: every instance catches up from storage. */
  | { kind: 'resync' }

export type Unsubscribe = () => Promise<void>

export interface Bus {
  /** Identifies this instance's messages, so it ignores its own. */
  readonly instanceId: string
  /** Whether messages are flowing right now. */
  readonly connected: boolean
  /**
   * Delivers other instances' messages on `topic` to `handler` until unsubscribed. Resolves once
   * later messages will be delivered, or at once when the bus is down (it subscribes when it is back).
   */
  subscribe(topic: string, handler: (message: BusMessage) => void): Promise<Unsubscribe>
  /** Sends to every other instance subscribed to `topic`; false when it could not be sent. */
  publish(topic: string, message: BusMessage): boolean
  /** Called with false when the bus goes down and true when it is back (resubscribed). */
  onStatus(listener: (connected: boolean) => void): void
  close(): Promise<void>
}

export const boardTopic = (boardId: string) => `board:${boardId}`
export const CONTROL_TOPIC = 'control'
