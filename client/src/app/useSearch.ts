// The current query string as React state: re-renders on setQuery, navigate and back/forward.

import { useSyncExternalStore } from 'react'
import { subscribeLocation } from './route'

export function useSearch(): string {
  return useSyncExternalStore(subscribeLocation, () => location.search)
}
