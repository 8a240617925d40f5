// An activity feed as React state: the newest page for a filter, older pages on demand, and a refetch
// one second after the board last changed (the server records activity as updates arrive), keeping as
// many entries as were shown.

import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActivityEntry, ActivityQuery } from '../api/activityApi'
import type { ActivitySource } from './activitySource'

const PAGE = 30
const MAX_PAGE = 200
const REFRESH_AFTER_MS = 1000

export interface ActivityState {
  entries: ActivityEntry[]
  /** First load still under way. */
  loading: boolean
  loadingMore: boolean
  error: string | null
  hasMore: boolean
  loadMore(): void
  reload(): void
}

export function useActivity(
  source: ActivitySource,
  filter: Omit<ActivityQuery, 'before' | 'limit'>,
  pageSize = PAGE,
): ActivityState {
  const [entries, setEntries] = useState<ActivityEntry[]>([])
  const [next, setNext] = useState<number | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const shown = useRef(0)
  shown.current = entries.length
  const { memberId, cardId } = filter
  // Requests can overlap (a refetch while loading more): only the newest one's answer is used.
  const latest = useRef(0)

  const fetchTop = useCallback(
    async (reset: boolean) => {
      const ticket = ++latest.current
      if (reset) setLoading(true)
      const limit = Math.min(MAX_PAGE, Math.max(pageSize, reset ? 0 : shown.current))
      const query: ActivityQuery = { limit }
      if (memberId) query.memberId = memberId
      if (cardId) query.cardId = cardId
      const res = await source.load(query)
      if (ticket !== latest.current) return
      setLoading(false)
      if (!res.ok) {
        setError(res.error.status === 0 ? 'Could not reach the server to load activity.' : res.error.message)
        return
      }
      setError(null)
      setEntries(res.value.activity)
      setNext(res.value.next)
    },
    [source, memberId, cardId, pageSize],
  )

  useEffect(() => {
    setEntries([])
    void fetchTop(true)
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = source.onBoardChange(() => {
      clearTimeout(timer)
      timer = setTimeout(() => void fetchTop(false), REFRESH_AFTER_MS)
    })
    return () => {
      clearTimeout(timer)
      stop()
      latest.current++
    }
  }, [source, fetchTop])

  const loadMore = useCallback(() => {
    if (next === null || loadingMore) return
    const ticket = ++latest.current
    setLoadingMore(true)
    const query: ActivityQuery = { limit: pageSize, before: next }
    if (memberId) query.memberId = memberId
    if (cardId) query.cardId = cardId
    void source.load(query).then((res) => {
      setLoadingMore(false)
      if (ticket !== latest.current) return
      if (!res.ok) {
        setError(res.error.message)
        return
      }
      setEntries((prev) => [...prev, ...res.value.activity.filter((e) => !prev.some((p) => p.id === e.id))])
      setNext(res.value.next)
    })
  }, [next, loadingMore, source, memberId, cardId, pageSize])

  return {
    entries,
    loading,
    loadingMore,
    error,
    hasMore: next !== null,
    loadMore,
    reload: () => void fetchTop(true),
  }
}
