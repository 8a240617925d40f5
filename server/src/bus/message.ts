// The bus's wire format: a compact binary envelope (lib0 encoding) carrying the sender's instance id,
// so Redis payloads stay small and document updates travel without base64.

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { BusMessage, ControlEvent } from './bus.js'

const VERSION = 1
const KINDS = ['update', 'awareness', 'awareness-query', 'control', 'resync'] as const

export interface Envelope {
  origin: string
  message: BusMessage
}

export function encodeEnvelope(origin: string, message: BusMessage): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, VERSION)
  encoding.writeVarString(e, origin)
  encoding.writeVarUint(e, KINDS.indexOf(message.kind))
  switch (message.kind) {
    case 'update':
      encoding.writeVarString(e, message.boardId)
      encoding.writeVarUint(e, message.seq)
      encoding.writeVarUint8Array(e, message.data)
      break
    case 'awareness':
      encoding.writeVarString(e, message.boardId)
      encoding.writeVarUint8Array(e, message.data)
      break
    case 'awareness-query':
      encoding.writeVarString(e, message.boardId)
      break
    case 'control':
      encoding.writeVarString(e, message.boardId)
      encoding.writeVarString(e, JSON.stringify(message.event))
      break
    case 'resync':
      break
  }
  return encoding.toUint8Array(e)
}

/** The envelope, or null for anything this version cannot read (a newer peer's message, garbage). */
export function decodeEnvelope(bytes: Uint8Array): Envelope | null {
  try {
    const d = decoding.createDecoder(bytes)
    if (decoding.readVarUint(d) !== VERSION) return null
    const origin = decoding.readVarString(d)
    const kind = KINDS[decoding.readVarUint(d)]
    switch (kind) {
      case 'update': {
        const boardId = decoding.readVarString(d)
        const seq = decoding.readVarUint(d)
        return { origin, message: { kind, boardId, seq, data: decoding.readVarUint8Array(d) } }
      }
      case 'awareness': {
        const boardId = decoding.readVarString(d)
        return { origin, message: { kind, boardId, data: decoding.readVarUint8Array(d) } }
      }
      case 'awareness-query':
        return { origin, message: { kind, boardId: decoding.readVarString(d) } }
      case 'control': {
        const boardId = decoding.readVarString(d)
        const event = JSON.parse(decoding.readVarString(d)) as ControlEvent
        return { origin, message: { kind, boardId, event } }
      }
      case 'resync':
        return { origin, message: { kind } }
      default:
        return null
    }
  } catch {
    return null
  }
}
