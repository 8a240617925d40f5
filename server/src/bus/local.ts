// The in-process bus: the default for one server, and several "instances" in one process for tests.
// Messages go through the same envelope as Redis and arrive asynchronously, like a network's would.

import { randomUUID } from 'node:crypto'
import type { Bus, BusMessage, Unsubscribe } from './bus.js'
import { decodeEnvelope, encodeEnvelope } from './message.js'

type Deliver = (topic: string, bytes: Uint8Array) => void

/** Connects buses of one process to each other. */
export class LocalHub {
  private readonly members = new Set<Deliver>()

  connect(instanceId: string = randomUUID()): Bus {
    const handlers = new Map<string, Set<(message: BusMessage) => void>>()
    let open = true
    const deliver: Deliver = (topic, bytes) => {
      const envelope = decodeEnvelope(bytes)
      if (!envelope || envelope.origin === instanceId) return
      for (const handler of handlers.get(topic) ?? []) handler(envelope.message)
    }
    this.members.add(deliver)
    const members = this.members
    return {
      instanceId,
      get connected() {
        return open
      },
      async subscribe(topic, handler): Promise<Unsubscribe> {
        const set = handlers.get(topic) ?? new Set()
        set.add(handler)
        handlers.set(topic, set)
        return async () => {
          set.delete(handler)
          if (set.size === 0 && handlers.get(topic) === set) handlers.delete(topic)
        }
      },
      publish(topic, message) {
        if (!open) return false
        // Alone on the hub (one server): nobody to tell.
        if (members.size === 1) return true
        const bytes = encodeEnvelope(instanceId, message)
        queueMicrotask(() => {
          for (const member of members) if (member !== deliver) member(topic, bytes)
        })
        return true
      },
      onStatus() {
        // Always up while open.
      },
      async close() {
        open = false
        members.delete(deliver)
        handlers.clear()
      },
    }
  }
}

export function createLocalBus(): Bus {
  return new LocalHub().connect()
}
