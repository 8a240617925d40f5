// Edits made in this browser that the server has not yet confirmed as stored, as (client id, clock
// after the edit) pairs. Kept in localStorage per board so "Offline · N unsaved changes" survives a
// reload: the edits themselves are in IndexedDB with the rest of the local copy, and one counts as
// saved once the server's durable state vector covers its clock, whichever tab or session sends it.

import * as Y from 'yjs'

export interface UnsavedEdit {
  client: number
  clock: number
}

const key = (boardId: string) => `tideboard:unsaved:${boardId}`

/** Reads a stored list; anything malformed is dropped (it can only make the count wrong, never data). */
export function parseUnsavedEdits(raw: string | null): UnsavedEdit[] {
  let value: unknown
  try {
    value = JSON.parse(raw ?? '[]')
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  return value.flatMap((item: unknown) => {
    if (!Array.isArray(item) || item.length !== 2) return []
    const [client, clock] = item as unknown[]
    return Number.isSafeInteger(client) && Number.isSafeInteger(clock) && (clock as number) > 0
      ? [{ client: client as number, clock: clock as number }]
      : []
  })
}

export function serializeUnsavedEdits(edits: readonly UnsavedEdit[]): string {
  return JSON.stringify(edits.map((e) => [e.client, e.clock]))
}

/** The edits a server holding `durable` (its stored state vector) has not stored yet. */
export function notStoredBy(edits: readonly UnsavedEdit[], durable: Map<number, number>): UnsavedEdit[] {
  return edits.filter((e) => (durable.get(e.client) ?? 0) < e.clock)
}

/**
 * The edits `doc` holds. One that never reached the local copy (the tab died before IndexedDB had
 * it) cannot be sent any more; counting it would leave the indicator unsaved for ever.
 */
export function heldIn(edits: readonly UnsavedEdit[], doc: Y.Doc): UnsavedEdit[] {
  return edits.filter((e) => Y.getState(doc.store, e.client) >= e.clock)
}

export function loadUnsavedEdits(boardId: string): UnsavedEdit[] {
  try {
    return parseUnsavedEdits(localStorage.getItem(key(boardId)))
  } catch {
    return []
  }
}

export function storeUnsavedEdits(boardId: string, edits: readonly UnsavedEdit[]): void {
  try {
    if (edits.length === 0) localStorage.removeItem(key(boardId))
    else localStorage.setItem(key(boardId), serializeUnsavedEdits(edits))
  } catch {
    // Storage full or disabled: only the count after a reload suffers; the edits are in IndexedDB.
  }
}
