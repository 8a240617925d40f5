// The bus across instances: Redis pub/sub through ioredis, one connection to publish and one to
// subscribe, a channel per topic under a prefix. While Redis is unreachable, publishing fails fast
// (returns false: nothing is queued to be replayed blindly later) and subscriptions are remembered;
// when both connections are back, every channel is subscribed again and listeners hear `true`, which
// is when rooms catch up from storage.

import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../log.js'
import type { Bus, BusMessage, Unsubscribe } from './bus.js'
import { decodeEnvelope, encodeEnvelope } from './message.js'

export interface RedisBusOptions {
  url: string
  /** Channel prefix, so several deployments (or test runs) can share one Redis. */
  prefix?: string
  instanceId?: string
  logger: Logger
}

/** Longest wait between reconnection attempts. */
const MAX_RETRY_MS = 1000

export function createRedisBus({
  url,
  prefix = 'tideboard',
  instanceId = randomUUID(),
  logger,
}: RedisBusOptions): Bus {
  const connection = {
    retryStrategy: (times: number) => Math.min(50 * times, MAX_RETRY_MS),
    // Fail fast while disconnected instead of queueing for a blind replay.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    autoResubscribe: false,
  }
  const pub = new Redis(url, { ...connection, connectionName: `tideboard-pub-${instanceId}` })
  const sub = new Redis(url, { ...connection, connectionName: `tideboard-sub-${instanceId}` })
  const handlers = new Map<string, Set<(message: BusMessage) => void>>()
  const listeners: ((connected: boolean) => void)[] = []
  const channel = (topic: string) => `${prefix}:${topic}`
  let subscribed = false
  let connected = false
  let closed = false

  const setConnected = (value: boolean) => {
    if (connected === value || closed) return
    connected = value
    for (const listener of listeners) listener(value)
  }
  const refresh = () => setConnected(pub.status === 'ready' && sub.status === 'ready' && subscribed)

  const resubscribe = async () => {
    subscribed = false
    const channels = [...handlers.keys()].map(channel)
    try {
      if (channels.length > 0) await sub.subscribe(...channels)
      subscribed = true
    } catch (error) {
      logger.warn('redis bus: could not subscribe again; retrying on the next connection', {
        error: error instanceof Error ? error.message : String(error),
      })
    }
    refresh()
  }

  pub.on('ready', refresh)
  sub.on('ready', () => void resubscribe())
  for (const client of [pub, sub]) {
    client.on('close', () => {
      if (client === sub) subscribed = false
      refresh()
    })
    // Without a listener ioredis reports every failed reconnection as an unhandled error.
    client.on('error', (error: Error) => {
      if (connected) logger.warn('redis bus: connection error', { error: error.message })
    })
  }

  sub.on('messageBuffer', (rawChannel: Buffer, payload: Buffer) => {
    const name = rawChannel.toString()
    if (!name.startsWith(`${prefix}:`)) return
    const envelope = decodeEnvelope(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength))
    if (!envelope || envelope.origin === instanceId) return
    for (const handler of handlers.get(name.slice(prefix.length + 1)) ?? []) handler(envelope.message)
  })

  return {
    instanceId,
    get connected() {
      return connected
    },
    async subscribe(topic, handler): Promise<Unsubscribe> {
      let set = handlers.get(topic)
      if (!set) {
        set = new Set()
        handlers.set(topic, set)
        if (sub.status === 'ready' && subscribed) {
          await sub.subscribe(channel(topic)).catch((error: unknown) => {
            // Subscribed again with the others when the connection returns.
            logger.warn('redis bus: subscribe failed', { topic, error: String(error) })
          })
        }
      }
      set.add(handler)
      const own = set
      return async () => {
        own.delete(handler)
        if (own.size > 0 || handlers.get(topic) !== own) return
        handlers.delete(topic)
        if (sub.status === 'ready') await sub.unsubscribe(channel(topic)).catch(() => {})
      }
    },
    publish(topic, message) {
      if (closed || pub.status !== 'ready') return false
      pub
        .publish(channel(topic), Buffer.from(encodeEnvelope(instanceId, message)))
        .catch((error: unknown) => {
          logger.warn('redis bus: publish failed', { topic, error: String(error) })
        })
      return true
    },
    onStatus(listener) {
      listeners.push(listener)
    },
    async close() {
      closed = true
      handlers.clear()
      await Promise.all([pub.quit().catch(() => pub.disconnect()), sub.quit().catch(() => sub.disconnect())])
    },
  }
}
