// Whether undoing (or redoing) an undo step would write a card status only the server may set.
// Undo puts back what the step deleted; if that is an `approved` or `declined` status (the server's
// write, which this user's edit replaced), the server would refuse the update and close the socket,
// so the client does not attempt it.

import { SERVER_STATUSES } from '@tideboard/shared'
import * as Y from 'yjs'

/** The parts of a Y.UndoManager stack item this check reads. */
export interface UndoStep {
  deletions: { clients: Map<number, { clock: number; len: number }[]> }
}

export function undoRestoresServerStatus(doc: Y.Doc, step: UndoStep): boolean {
  for (const [client, ranges] of step.deletions.clients) {
    const structs = doc.store.clients.get(client)
    if (!structs || structs.length === 0) continue
    for (const { clock, len } of ranges) {
      if (clock >= Y.getState(doc.store, client)) continue
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]
        if (!struct || struct.id.clock >= clock + len) break
        if (
          struct instanceof Y.Item &&
          struct.parentSub === 'status' &&
          struct.content instanceof Y.ContentAny &&
          struct.content.arr.some((v) => SERVER_STATUSES.includes(String(v)))
        ) {
          return true
        }
      }
    }
  }
  return false
}
