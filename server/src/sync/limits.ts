// Per-connection limits on the sync socket: how many messages a client may send, how often and how
// large its presence (awareness) may be, and how far behind a slow reader may fall. Each has a safe
// default and an environment variable (see config.ts and the README's Limits section).

import { fail, ok, type Result } from '@tideboard/shared'
import * as decoding from 'lib0/decoding'

export interface Limits {
  /** Sustained messages per second per connection, and the burst allowed above it. */
  messagesPerSecond: number
  messageBurst: number
  /** Presence updates per second per connection; more are dropped, the socket stays open. */
  awarenessPerSecond: number
  /** Largest presence state of one client, in bytes of JSON. */
  maxAwarenessBytes: number
  /** Bytes queued for a socket that is not reading; past this it is closed. */
  maxBufferedBytes: number
}

export const DEFAULT_LIMITS: Limits = {
  messagesPerSecond: 100,
  messageBurst: 300,
  awarenessPerSecond: 20,
  maxAwarenessBytes: 4096,
  maxBufferedBytes: 8 * 1024 * 1024,
}

/** A token bucket: `rate` tokens a second, holding at most `burst`. */
export class RateLimiter {
  private tokens: number
  private last: number

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number = Date.now(),
  ) {
    this.tokens = burst
    this.last = now
  }

  take(now: number = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}

/**
 * Reads an awareness update (y-protocols encoding: count, then client id, clock and JSON state for
 * each) and checks every state is null or a JSON object of at most `maxBytes`. Returns the client ids.
 */
export function checkAwarenessUpdate(update: Uint8Array, maxBytes: number): Result<number[]> {
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    if (count > 64) return fail('too many presence entries in one message')
    const clients: number[] = []
    for (let i = 0; i < count; i++) {
      clients.push(decoding.readVarUint(decoder))
      decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      if (json.length > maxBytes) return fail('presence state too large')
      const state: unknown = JSON.parse(json)
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
        return fail('presence state must be an object or null')
      }
    }
    if (decoding.hasContent(decoder)) return fail('trailing bytes after the presence entries')
    return ok(clients)
  } catch {
    return fail('malformed presence update')
  }
}
