// A bare `ws` socket speaking the y-websocket protocol by hand, for sending frames no stock client
// would send (hand-made updates) and seeing exactly how the server closes the socket.

import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'

export interface RawSocket {
  ws: WebSocket
  /** Resolves with the close code and reason once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>
}

export function openRaw(wsBase: string, boardId: string, token: string): Promise<RawSocket> {
  const ws = new WebSocket(`${wsBase}/sync/${boardId}?token=${encodeURIComponent(token)}`)
  ws.on('error', () => {})
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
  })
}

/** A y-protocols sync "update" message (type 0, subtype 2) carrying `update`. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}
