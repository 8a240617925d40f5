// The board filter lives in the URL query (so a shared link opens the same view); this hook reads it
// and writes it back with replaceState, leaving other parameters and the #token fragment alone.

import { type BoardFilter, filterFromQuery, filterToQuery } from '@tideboard/shared'
import { useCallback, useMemo } from 'react'
import { setQuery } from '../app/route'

export function useBoardFilter(search: string): [BoardFilter, (next: BoardFilter) => void] {
  // Keyed on the filter's own parameters, so opening a card or switching views keeps the same object.
  const key = filterToQuery(filterFromQuery(search)).toString()
  const filter = useMemo(() => filterFromQuery(key), [key])
  const setFilter = useCallback((next: BoardFilter) => {
    setQuery(filterToQuery(next, new URLSearchParams(location.search)))
  }, [])
  return [filter, setFilter]
}
