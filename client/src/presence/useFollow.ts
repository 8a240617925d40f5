// Following someone's view: while on, this screen shows the view and the card their most recently
// active tab shows. It stops when they leave, when the person following navigates on their own (any
// change of the address this hook did not make), or when they press Stop.

import { useCallback, useEffect, useState } from 'react'
import { setQuery, subscribeLocation } from '../app/route'
import { queryWithView, VIEWS, type ViewId } from '../board/boardViews'
import type { PersonHere } from './peopleHere'
import type { PresenceStore } from './presenceStore'
import { usePeopleHere } from './usePresence'

const isView = (view: string): view is ViewId => VIEWS.some((v) => v.id === view)

export interface Follow {
  /** The person being followed, while they are here. */
  person: PersonHere | null
  key: string | null
  follow(key: string | null): void
  stop(): void
}

export function useFollow(store: PresenceStore | null): Follow {
  const [key, setKey] = useState<string | null>(null)
  const people = usePeopleHere(store)
  const person = key === null ? null : (people.find((p) => p.key === key) ?? null)
  const stop = useCallback(() => setKey(null), [])

  useEffect(() => {
    if (!store || key === null) return
    // The address this hook set last; any other means the person navigated themselves.
    let ours = location.search
    let stopped = false
    const halt = () => {
      stopped = true
      setKey(null)
    }
    const apply = () => {
      if (stopped) return
      const leader = store.getPeople().people.find((p) => p.key === key)
      if (!leader) return halt()
      const view = leader.view
      if (!view || !isView(view.view)) return
      const q = queryWithView(location.search, view.view)
      if (view.cardId) q.set('card', view.cardId)
      else q.delete('card')
      const search = q.toString()
      ours = search ? `?${search}` : ''
      if (ours !== location.search) setQuery(q)
    }
    const unsubscribeLocation = subscribeLocation(() => {
      if (location.search !== ours) halt()
    })
    apply()
    const unsubscribePeople = store.subscribePeople(apply)
    return () => {
      stopped = true
      unsubscribeLocation()
      unsubscribePeople()
    }
  }, [store, key])

  return { person, key: person ? key : null, follow: setKey, stop }
}
