// A snapshot's SHA-256, recorded with it when it is written, so a reader can tell that the bytes it
// got are exactly the bytes that were stored (no truncation or damage on disk) without decoding them:
// 0.3 ms for a 500 kB snapshot, against tens to hundreds of ms for Yjs to decode it.

import { createHash } from 'node:crypto'

export function snapshotDigest(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(data).digest()
}

/** Whether `data` is what was stored with `digest`; false when no digest was recorded. */
export function matchesDigest(data: Uint8Array, digest: Uint8Array | null | undefined): boolean {
  if (digest?.length !== 32) return false
  return Buffer.compare(snapshotDigest(data), digest) === 0
}
