// Rebuilds a board's Y.Doc from what storage holds. A corrupt snapshot or update row is skipped and
// reported, never thrown: the rest of the board is still served. A damaged newest snapshot is
// replaced by the previous generation and the rows after it (compaction keeps both), so the board is
// served from its last good state rather than empty. Intact storage (the usual case) is applied in
// one pass with no check ahead of it; only when something fails to apply is the board read again,
// row by row, each checked before it is applied.

import * as Y from 'yjs'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { Storage, StoredDoc } from '../storage/storage.js'
import { STORAGE_ORIGIN } from './origin.js'

export interface Restored {
  /** The highest sequence number the document now reflects (snapshot or update). */
  lastSeq: number
  /** Update rows read after the snapshot. */
  rows: number
  /** Rows (or the snapshot) that could not be decoded or applied. */
  corrupt: number
  /** The stored snapshot, when the document is exactly it (no rows after it, nothing corrupt). */
  onlySnapshot: Uint8Array | null
}

function applyStored(doc: Y.Doc, data: Uint8Array, decoded = false): string | null {
  try {
    // Decoded in full first, so a damaged row is refused before any of it reaches the document.
    if (!decoded) Y.decodeUpdate(data)
    Y.applyUpdate(doc, data, STORAGE_ORIGIN)
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** `snapshotDecoded`: the caller has already decoded `stored.snapshot` in full (loadStoredDoc has). */
export function restoreDoc(
  doc: Y.Doc,
  stored: StoredDoc,
  boardId: string,
  logger: Logger,
  snapshotDecoded = false,
): Restored {
  let corrupt = 0
  let lastSeq = stored.snapshotSeq
  // One transaction for the whole load: a long log is integrated in one pass, with one cleanup at the
  // end, instead of a transaction (and a cleanup) per row. A row that fails is skipped on its own.
  doc.transact(() => {
    if (stored.snapshot) {
      const error = applyStored(doc, stored.snapshot, snapshotDecoded)
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
  }, STORAGE_ORIGIN)
  const onlySnapshot = corrupt === 0 && stored.updates.length === 0 ? stored.snapshot : null
  return { lastSeq, rows: stored.updates.length, corrupt, onlySnapshot }
}

function decodes(data: Uint8Array): boolean {
  try {
    Y.decodeUpdate(data)
    return true
  } catch {
    return false
  }
}

export interface LoadedDoc extends Restored {
  /** The board's document, built with nothing listening to it. */
  doc: Y.Doc
}

/**
 * The snapshot and every row applied in one transaction with no check first: a new document, or null
 * when any part failed to apply (the document, which may hold part of a damaged row, is discarded).
 * Applying reads every byte of an update with the same readers as `Y.decodeUpdate` and reads all of
 * an update's structs before it integrates any, so damage that the check would catch makes the apply
 * throw; the careful path then starts over from a fresh document.
 */
function applyTrusting(stored: StoredDoc): Y.Doc | null {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, STORAGE_ORIGIN)
      for (const row of stored.updates) Y.applyUpdate(doc, row.data, STORAGE_ORIGIN)
    }, STORAGE_ORIGIN)
    return doc
  } catch {
    doc.destroy()
    return null
  }
}

/**
 * Loads the board into a new document: the newest snapshot and the rows after it, or, when that
 * snapshot is damaged, the previous snapshot and the rows after it. Either way a damaged snapshot
 * counts as corrupt, so the caller keeps it on disk (no compaction over it).
 *
 * The document is returned rather than filled in: a document with an `update` listener would have
 * Yjs encode the whole restored state once more at the end of the load, for a listener to ignore.
 */
export async function loadStoredDoc(
  storage: Storage,
  boardId: string,
  logger: Logger,
  metrics?: Metrics,
  /** What `storage.loadDoc(boardId)` returned, when the caller has already read it. */
  read?: StoredDoc,
): Promise<LoadedDoc> {
  let stored = read ?? (await storage.loadDoc(boardId))
  const trusted = applyTrusting(stored)
  if (trusted) {
    let lastSeq = stored.snapshotSeq
    for (const row of stored.updates) lastSeq = Math.max(lastSeq, row.seq)
    return {
      doc: trusted,
      lastSeq,
      rows: stored.updates.length,
      corrupt: 0,
      onlySnapshot: stored.updates.length === 0 ? stored.snapshot : null,
    }
  }
  let damagedSnapshot = 0
  if (stored.snapshot && !decodes(stored.snapshot)) {
    damagedSnapshot = 1
    metrics?.corruptStored.inc({ kind: 'snapshot' })
    const previous = await storage.loadPreviousDoc(boardId)
    if (previous?.snapshot && decodes(previous.snapshot)) {
      logger.error('corrupt snapshot: serving the previous snapshot and the rows after it', {
        boardId,
        uptoSeq: stored.snapshotSeq,
        previousUptoSeq: previous.snapshotSeq,
      })
      metrics?.snapshotFallbacks.inc()
      stored = previous
    } else {
      logger.error('corrupt snapshot and no previous snapshot to fall back to: serving the rows after it', {
        boardId,
        uptoSeq: stored.snapshotSeq,
      })
      stored = { ...stored, snapshot: null }
    }
  }
  const doc = new Y.Doc()
  const restored = restoreDoc(doc, stored, boardId, logger, true)
  if (restored.corrupt > 0) metrics?.corruptStored.inc({ kind: 'row' }, restored.corrupt)
  return {
    ...restored,
    doc,
    corrupt: restored.corrupt + damagedSnapshot,
    onlySnapshot: damagedSnapshot > 0 ? null : restored.onlySnapshot,
  }
}
