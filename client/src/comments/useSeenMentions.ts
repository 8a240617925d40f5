// Binds the seen-mentions store of one board and person to React.

import { useMemo, useSyncExternalStore } from 'react'
import { seenMentions } from './seenMentions'

const NONE: ReadonlySet<string> = new Set()
const noStore = { get: () => NONE, set: () => {}, subscribe: () => () => {} }

export function useSeenMentions(
  boardId: string,
  identity: string | null,
): [ReadonlySet<string>, (next: ReadonlySet<string>) => void] {
  const store = useMemo(
    () => (identity === null ? noStore : seenMentions(boardId, identity)),
    [boardId, identity],
  )
  const seen = useSyncExternalStore(store.subscribe, store.get)
  return [seen, store.set]
}
