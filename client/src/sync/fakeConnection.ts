// A connection that is always live and saved, over an in-memory document: for tests of the board
// session and store, which need a BoardConnection but no socket.

import { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { BoardConnection, ConnectionState } from './connectBoard'

export function fakeConnection(doc: Y.Doc): BoardConnection {
  const state: ConnectionState = {
    status: 'connected',
    serverSynced: true,
    localLoaded: true,
    failure: null,
    refusedWrite: null,
    acknowledged: true,
    unsaved: 0,
  }
  return {
    doc,
    awareness: new Awareness(doc),
    getState: () => state,
    subscribe: () => () => {},
    retry() {},
    destroy() {},
  }
}
