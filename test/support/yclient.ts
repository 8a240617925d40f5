// Stock y-websocket clients for tests, exactly as an outside tool would use them: the published
// WebsocketProvider with `ws` as its WebSocket and BroadcastChannel off (else two providers in one
// process sync without the server and the test proves nothing).

import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  closes: { code: number; reason: string }[]
  destroy(): void
}

export function connect(
  wsBase: string,
  boardId: string,
  token: string,
  options: { connect?: boolean } = {},
): Client {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${wsBase}/sync`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 300,
  })
  const closes: Client['closes'] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export function synced(client: Client, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client did not sync in time')), timeoutMs)
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      clearTimeout(timer)
      client.provider.off('sync', onSync)
      resolve()
    }
    client.provider.on('sync', onSync)
  })
}

/** Polls `check` until it returns true; fails with `what` after the timeout. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** The clients a suite opened, destroyed together (after each test, or before a restart). */
export class OpenClients {
  private readonly clients: Client[] = []

  add(client: Client): Client {
    this.clients.push(client)
    return client
  }

  destroyAll(): void {
    for (const c of this.clients.splice(0)) c.destroy()
  }
}
