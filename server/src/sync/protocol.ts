// The y-websocket wire protocol as pure functions: strict decoding of what a client sends (so a
// malformed frame is a value, never an exception) and encoding of what the server sends.

import { type DecodedUpdate, fail, ok, type Result } from '@tideboard/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3
/**
 * Tideboard's own message: a client sends it (empty) to ask for acknowledgements; the server then
 * sends it with its state vector each time what that client sent is durable. Stock clients never ask,
 * so they never receive one.
 */
export const MESSAGE_DURABLE = 100

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array; decoded: DecodedUpdate }
  | { type: 'sync-update'; update: Uint8Array; decoded: DecodedUpdate }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'durable-hello' }
  | { type: 'unknown'; messageType: number }

/** Reads a length-prefixed byte array, refusing lengths that run past the end of the message. */
function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder)
  if (length > decoder.arr.length - decoder.pos)
    throw new RangeError('length runs past the end of the message')
  return decoding.readUint8Array(decoder, length)
}

function validateAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(readBytes(decoder)))
  }
  if (decoding.hasContent(decoder)) throw new RangeError('trailing bytes in awareness update')
}

function decodeUnchecked(bytes: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(bytes)
  const messageType = decoding.readVarUint(decoder)
  let message: ClientMessage
  switch (messageType) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder)
      const payload = readBytes(decoder)
      if (step === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload)
        message = { type: 'sync-step1', stateVector: payload }
      } else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
        // Decoding is the validation; the room reads the decoded structs instead of decoding again.
        const decoded = Y.decodeUpdate(payload)
        message = {
          type: step === syncProtocol.messageYjsSyncStep2 ? 'sync-step2' : 'sync-update',
          update: payload,
          decoded,
        }
      } else {
        throw new RangeError(`unknown sync message type ${step}`)
      }
      break
    }
    case MESSAGE_AWARENESS: {
      const update = readBytes(decoder)
      validateAwarenessUpdate(update)
      message = { type: 'awareness', update }
      break
    }
    case MESSAGE_QUERY_AWARENESS:
      message = { type: 'query-awareness' }
      break
    case MESSAGE_DURABLE:
      message = { type: 'durable-hello' }
      break
    default:
      return { type: 'unknown', messageType }
  }
  if (decoding.hasContent(decoder)) throw new RangeError('trailing bytes after the message')
  return message
}

/** Decodes one client frame; anything truncated, oversized inside or undecodable is an error value. */
export function decodeMessage(bytes: Uint8Array): Result<ClientMessage> {
  try {
    return ok(decodeUnchecked(bytes))
  } catch (error) {
    return fail(`malformed message: ${error instanceof Error ? error.message : String(error)}`)
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

/** A sync step 2 carrying `update` as it is: for a client that has nothing, the whole encoded state. */
export function encodeSyncStep2Of(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Whether a frame is a sync step 1 with an empty state vector: from a client that has nothing yet. */
export function isFreshClientStep1(data: Uint8Array | ArrayBuffer | string): boolean {
  if (typeof data === 'string') return false
  try {
    const decoder = decoding.createDecoder(data instanceof ArrayBuffer ? new Uint8Array(data) : data)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return false
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return false
    const stateVector = decoding.readVarUint8Array(decoder)
    return !decoding.hasContent(decoder) && isEmptyStateVector(stateVector)
  } catch {
    return false
  }
}

/** Whether a state vector is empty: its client has nothing yet. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return Y.decodeStateVector(stateVector).size === 0
}

/** A sync update message: its two type bytes, the update's length (a varuint), the update. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  // Written straight into one buffer of the right size (an encoder would allocate three per update).
  let lengthBytes = 1
  for (let n = update.length; n > 0x7f; n = Math.floor(n / 0x80)) lengthBytes += 1
  const message = new Uint8Array(2 + lengthBytes + update.length)
  message[0] = MESSAGE_SYNC
  message[1] = syncProtocol.messageYjsUpdate
  let at = 2
  let n = update.length
  while (n > 0x7f) {
    message[at++] = 0x80 | (n & 0x7f)
    n = Math.floor(n / 0x80)
  }
  message[at++] = n
  message.set(update, at)
  return message
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
}

/** The awareness message carrying an already encoded awareness update. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Tells a client that the server durably holds everything up to `doc`'s state vector. */
export function encodeDurable(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_DURABLE)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}
