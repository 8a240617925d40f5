// Compaction's merge: the new snapshot is the caller's document together with everything storage
// already holds up to the compaction point, so a compaction never drops a row the caller had not
// applied (another instance's, in a cluster).

import * as Y from 'yjs'

/** The parts merged into one snapshot, or null when one cannot be decoded (then nothing is deleted). */
export function mergeSnapshot(parts: readonly Uint8Array[]): Uint8Array | null {
  const doc = new Y.Doc()
  try {
    // One transaction: thousands of rows are integrated with one cleanup at the end instead of one
    // each. The caller's document (the last part) goes first, so most rows are already in it.
    doc.transact(() => {
      for (const part of [...parts].reverse()) {
        Y.decodeUpdate(part)
        Y.applyUpdate(doc, part)
      }
    })
    return Y.encodeStateAsUpdate(doc)
  } catch {
    // A corrupt row stays on disk for inspection, as the room's own check intends.
    return null
  } finally {
    doc.destroy()
  }
}
