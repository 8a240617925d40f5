import * as encoding from 'lib0/encoding'
import { expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import { encodeUpdate, MESSAGE_SYNC } from './protocol.js'

it('encodes an update message exactly as y-protocols does, at every length of the length prefix', () => {
  for (const length of [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152]) {
    const update = new Uint8Array(length).map((_, i) => i % 251)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    expect(Buffer.from(encodeUpdate(update)).equals(encoding.toUint8Array(encoder))).toBe(true)
  }
})
