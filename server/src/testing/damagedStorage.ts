// Test support: a storage whose newest snapshot reads back truncated, as a damaged file would.

import type { Storage } from '../storage/storage.js'

/** `storage` with every snapshot `loadDoc` returns cut to half its length (what else it holds is intact). */
export function withTruncatedSnapshot(storage: Storage): Storage {
  return {
    ...storage,
    loadDoc: async (id, after) => {
      const doc = await storage.loadDoc(id, after)
      return doc.snapshot ? { ...doc, snapshot: doc.snapshot.subarray(0, doc.snapshot.length >> 1) } : doc
    },
  }
}
