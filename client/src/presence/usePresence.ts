// The one place React binds to the presence store. The store travels in a context (its identity never
// changes, so the context never re-renders anyone); components subscribe to the slice they show: the
// people here, the people on one card, or the pointers.

import { createContext, useContext, useSyncExternalStore } from 'react'
import type { CardVisitor, CursorHere, PersonHere } from './peopleHere'
import type { PresenceStore } from './presenceStore'

export const PresenceContext = createContext<PresenceStore | null>(null)

/** The presence store of the open board, or null outside one (previews, tests). */
export function usePresenceStore(): PresenceStore | null {
  return useContext(PresenceContext)
}

const NOBODY: readonly never[] = []
const noop = () => () => {}

export function usePeopleHere(store: PresenceStore | null): readonly PersonHere[] {
  return useSyncExternalStore(store?.subscribePeople ?? noop, () => store?.getPeople().people ?? NOBODY)
}

/** Who is on one card; the same array while that card's visitors stay the same. */
export function useCardVisitors(cardId: string): readonly CardVisitor[] {
  const store = usePresenceStore()
  return useSyncExternalStore(
    store?.subscribePeople ?? noop,
    () => store?.getPeople().byCard[cardId] ?? NOBODY,
  )
}

export function useCursors(store: PresenceStore | null): readonly CursorHere[] {
  return useSyncExternalStore(store?.subscribeCursors ?? noop, () => store?.getCursors() ?? NOBODY)
}
