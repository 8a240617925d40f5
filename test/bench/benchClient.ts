// One stock y-websocket client as the benchmark drives it: it owns one card on its board and edits
// that card's title with a sequence number and a send timestamp; every other client records the
// delay from send to receipt when the edit arrives.

import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type ClientSpec, now } from './protocol.js'

export interface Receipt {
  seq: number
  latencyMs: number
}

function cardRecord(title: string): Y.Map<unknown> {
  const card = new Y.Map<unknown>()
  card.set('kind', 'initiative')
  card.set('title', title)
  card.set('position', { stageId: 'acquire', order: 'a0' })
  card.set('status', 'idea')
  return card
}

function parseTitle(title: unknown): { seq: number; sentAt: number } | null {
  if (typeof title !== 'string' || !title.startsWith('b ')) return null
  const [, seq, sentAt] = title.split(' ')
  return { seq: Number(seq), sentAt: Number(sentAt) }
}

export class BenchClient {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  private seq = 0
  readonly cardId: string

  constructor(
    readonly spec: ClientSpec,
    onReceipt: (receipt: Receipt) => void,
  ) {
    this.cardId = `bench-${spec.key}`
    this.provider = new WebsocketProvider(spec.wsBase, spec.room, this.doc, {
      params: spec.token === null ? {} : { token: spec.token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    const cards = this.doc.getMap<unknown>('cards')
    cards.observeDeep((events) => {
      for (const event of events) {
        if (event.transaction.local || !(event instanceof Y.YMapEvent)) continue
        const target = event.target
        if (target === cards) {
          for (const key of event.keysChanged) {
            const card = cards.get(key)
            if (card instanceof Y.Map) this.record(card.get('title'), onReceipt)
          }
        } else if (target instanceof Y.Map && event.keysChanged.has('title')) {
          this.record(target.get('title'), onReceipt)
        }
      }
    })
  }

  private record(title: unknown, onReceipt: (receipt: Receipt) => void): void {
    const parsed = parseTitle(title)
    if (parsed && parsed.seq > 0) onReceipt({ seq: parsed.seq, latencyMs: now() - parsed.sentAt })
  }

  synced(timeoutMs = 30_000): Promise<void> {
    if (this.provider.synced) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.provider.off('sync', onSync)
        reject(new Error(`client ${this.spec.key} did not sync within ${timeoutMs} ms`))
      }, timeoutMs)
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return
        clearTimeout(timer)
        this.provider.off('sync', onSync)
        resolve()
      }
      this.provider.on('sync', onSync)
    })
  }

  /** Creates this client's card unless the board already has it. */
  ensureCard(): void {
    const cards = this.doc.getMap<unknown>('cards')
    if (!cards.has(this.cardId)) cards.set(this.cardId, cardRecord('b 0 0'))
  }

  /** One small update: the card's title carries the sequence number and the send time. */
  send(): void {
    const card = this.doc.getMap<unknown>('cards').get(this.cardId)
    if (!(card instanceof Y.Map)) return
    this.seq += 1
    card.set('title', `b ${this.seq} ${now().toFixed(3)}`)
  }

  destroy(): void {
    this.provider.destroy()
    this.doc.destroy()
  }
}
