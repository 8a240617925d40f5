// The one place React binds to the board store: components select what they need from a snapshot.
// Selectors must return parts of the snapshot (or other stable values), never fresh objects.

import { useSyncExternalStore } from 'react'
import type { BoardSession, BoardSnapshot } from './boardSession'

export function useBoard<T>(session: BoardSession, select: (snapshot: BoardSnapshot) => T): T {
  return useSyncExternalStore(session.subscribe, () => select(session.getSnapshot()))
}
