// The ids of mentions this person has seen on one board, kept in localStorage (per board and
// member) and shared live between this browser's tabs. A store without React, bound by useSeenMentions.

const PREFIX = 'tideboard:seen-mentions'

export interface SeenMentions {
  get(): ReadonlySet<string>
  set(next: ReadonlySet<string>): void
  /** Also follows other tabs of this browser while anyone listens. */
  subscribe(listener: () => void): () => void
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null // storage blocked: seen state lasts for this page only
  }
}

function read(key: string): ReadonlySet<string> {
  try {
    const raw: unknown = JSON.parse(storage()?.getItem(key) ?? '[]')
    return new Set(Array.isArray(raw) ? raw.filter((id): id is string => typeof id === 'string') : [])
  } catch {
    return new Set()
  }
}

export function seenMentions(boardId: string, identity: string): SeenMentions {
  const key = `${PREFIX}:${boardId}:${identity}`
  const listeners = new Set<() => void>()
  let current = read(key)
  const notify = () => {
    for (const l of listeners) l()
  }
  const onStorage = (e: StorageEvent) => {
    if (e.key !== key) return
    current = read(key)
    notify()
  }
  return {
    get: () => current,
    set(next) {
      if (next === current) return
      current = next
      try {
        storage()?.setItem(key, JSON.stringify([...next]))
      } catch {
        // Full or blocked storage: keep it for this page.
      }
      notify()
    },
    subscribe(listener) {
      if (listeners.size === 0 && typeof window !== 'undefined') {
        window.addEventListener('storage', onStorage)
        current = read(key)
      }
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && typeof window !== 'undefined')
          window.removeEventListener('storage', onStorage)
      }
    },
  }
}
