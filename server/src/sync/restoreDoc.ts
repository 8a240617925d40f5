// Rebuilds a board's Y.Doc from what storage holds. A corrupt snapshot or update row is skipped and
// reported, never thrown: the rest of the board is still served.

import * as Y from 'yjs'
import type { Logger } from '../log.js'
import type { StoredDoc } from '../storage/storage.js'
import { STORAGE_ORIGIN } from './origin.js'

export interface Restored {
  /** The highest sequence number the document now reflects (snapshot or update). */
  lastSeq: number
  /** Update rows read after the snapshot. */
  rows: number
  /** Rows (or the snapshot) that could not be decoded or applied. */
  corrupt: number
}

function applyStored(doc: Y.Doc, data: Uint8Array): string | null {
  try {
    Y.decodeUpdate(data)
    Y.applyUpdate(doc, data, STORAGE_ORIGIN)
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

export function restoreDoc(doc: Y.Doc, stored: StoredDoc, boardId: string, logger: Logger): Restored {
  let corrupt = 0
  let lastSeq = stored.snapshotSeq
  if (stored.snapshot) {
    const error = applyStored(doc, stored.snapshot)
    if (error !== null) {
      corrupt += 1
      logger.error('corrupt snapshot skipped', { boardId, uptoSeq: stored.snapshotSeq, error })
    }
  }
  for (const row of stored.updates) {
    lastSeq = Math.max(lastSeq, row.seq)
    const error = applyStored(doc, row.data)
    if (error !== null) {
      corrupt += 1
      logger.error('corrupt update row skipped', { boardId, seq: row.seq, error })
    }
  }
  return { lastSeq, rows: stored.updates.length, corrupt }
}
