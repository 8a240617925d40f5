// Opening a board this browser joined asks the server first whether the token still opens it. The
// local copy (IndexedDB, then the sync) starts loading meanwhile instead of after the answer: a
// connection made here is handed to the board once the answer says "open", else thrown away.

import type { BoardConnection } from '../sync/connectBoard'

let preloaded: { boardId: string; token: string; connection: BoardConnection } | null = null

/** Starts a connection for the board ahead of the access check (replacing any earlier one). */
export function preloadConnection(boardId: string, token: string, open: () => BoardConnection): void {
  discardPreloaded()
  preloaded = { boardId, token, connection: open() }
}

/** The preloaded connection when it is for this board and token; any other is thrown away. */
export function takePreloaded(boardId: string, token: string): BoardConnection | null {
  const taken = preloaded
  preloaded = null
  if (taken && taken.boardId === boardId && taken.token === token) return taken.connection
  taken?.connection.destroy()
  return null
}

export function discardPreloaded(): void {
  preloaded?.connection.destroy()
  preloaded = null
}
