// Presence as a small store of its own, without React, over the board connection's Yjs awareness.
// Two subscriptions keep a moving pointer cheap: `people` (avatars, who is on which card) changes only
// when someone arrives, leaves, switches view or starts or stops editing; `cursors` changes on every
// pointer update and only the cursor layer listens to it. This tab's own state is set here: pointer
// updates go out at most CURSOR_INTERVAL_MS apart (the last one always goes), other changes together
// in one update at the end of the task, and the state is withdrawn when the page goes away so others
// see this tab leave at once rather than after the protocol's 30-second timeout.

import type { Awareness } from 'y-protocols/awareness'
import { replaceEqualDeep } from '../state/replaceEqualDeep'
import { type CursorHere, cursorsHere, type Peer, type PeopleSnapshot, peopleHere } from './peopleHere'
import {
  type PresenceCursor,
  type PresenceEditing,
  type PresenceState,
  type PresenceUser,
  type PresenceView,
  personKey,
  readPresence,
} from './presenceState'

/** The awareness fields this store owns; any others in this tab's state belong to someone else. */
const PRESENCE_FIELDS = new Set(['user', 'view', 'editing', 'cursor'])

/** About 15 pointer updates a second. */
export const CURSOR_INTERVAL_MS = 66

export interface PresenceStore {
  getPeople(): PeopleSnapshot
  subscribePeople(listener: () => void): () => void
  getCursors(): readonly CursorHere[]
  subscribeCursors(listener: () => void): () => void
  /** This user's key; their other tabs are not shown as someone else. */
  selfKey(): string | null
  setUser(user: PresenceUser): void
  setView(view: PresenceView): void
  setEditing(editing: PresenceEditing): void
  /** Stops editing `cardId` (or anything, without one); a later edit elsewhere is left alone. */
  stopEditing(cardId?: string): void
  /** The pointer over the funnel, or null when it left. */
  moveCursor(cursor: PresenceCursor | null): void
  destroy(): void
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

export function createPresenceStore(awareness: Awareness): PresenceStore {
  const peopleListeners = new Set<() => void>()
  const cursorListeners = new Set<() => void>()
  // States are replaced, never mutated, on each update: a state object is read once.
  const read = new WeakMap<object, PresenceState | null>()
  let people: PeopleSnapshot = { people: [], byCard: {} }
  let cursors: CursorHere[] = []

  let user: PresenceUser | null = null
  let view: PresenceView | undefined
  let editing: PresenceEditing | undefined
  let cursor: PresenceCursor | undefined
  let lastCursorSent = 0
  let cursorTimer: ReturnType<typeof setTimeout> | undefined
  let flushQueued = false
  let gone = false
  let destroyed = false

  const selfKey = () => (user?.memberId ? personKey(user) : null)

  function peers(): Peer[] {
    const list: Peer[] = []
    for (const [clientId, raw] of awareness.getStates()) {
      if (clientId === awareness.clientID || raw === null || typeof raw !== 'object') continue
      let state = read.get(raw)
      if (state === undefined) {
        state = readPresence(raw)
        read.set(raw, state)
      }
      if (state === null) continue
      list.push({ clientId, state, lastUpdated: awareness.meta.get(clientId)?.lastUpdated ?? 0 })
    }
    return list
  }

  function refresh(): void {
    const all = peers()
    const self = selfKey()
    const nextPeople = replaceEqualDeep(people, peopleHere(all, self))
    const nextCursors = replaceEqualDeep(cursors, cursorsHere(all, self))
    if (nextPeople !== people) {
      people = nextPeople
      for (const l of peopleListeners) l()
    }
    if (nextCursors !== cursors) {
      cursors = nextCursors
      for (const l of cursorListeners) l()
    }
  }

  const onChange = (_change: AwarenessChange, _origin: unknown) => refresh()
  awareness.on('change', onChange)

  function publish(): void {
    flushQueued = false
    if (destroyed || gone || user === null) return
    const state: PresenceState = { user }
    if (view) state.view = view
    if (editing) state.editing = editing
    if (cursor) state.cursor = cursor
    // Fields other parts of the app share (an editor's text caret) stay as they are.
    const others = Object.entries(awareness.getLocalState() ?? {}).filter(
      ([key]) => !PRESENCE_FIELDS.has(key),
    )
    awareness.setLocalState({ ...Object.fromEntries(others), ...state })
  }

  /** Sends what changed at the end of this task: a blur and the next focus go out as one update. */
  function queue(): void {
    if (flushQueued) return
    flushQueued = true
    queueMicrotask(publish)
  }

  function sendCursor(): void {
    clearTimeout(cursorTimer)
    cursorTimer = undefined
    lastCursorSent = Date.now()
    publish()
  }

  // Leaving the page says goodbye now; coming back from the back-forward cache says hello again.
  const onLeave = () => {
    gone = true
    clearTimeout(cursorTimer)
    awareness.setLocalState(null)
  }
  const onShow = (event: PageTransitionEvent) => {
    if (!event.persisted) return
    gone = false
    publish()
  }
  window.addEventListener('pagehide', onLeave)
  window.addEventListener('beforeunload', onLeave)
  window.addEventListener('pageshow', onShow)

  return {
    getPeople: () => people,
    subscribePeople(listener) {
      peopleListeners.add(listener)
      return () => peopleListeners.delete(listener)
    },
    getCursors: () => cursors,
    subscribeCursors(listener) {
      cursorListeners.add(listener)
      return () => cursorListeners.delete(listener)
    },
    selfKey,
    setUser(next) {
      if (user && JSON.stringify(user) === JSON.stringify(next)) return
      user = next
      refresh()
      queue()
    },
    setView(next) {
      gone = false
      if (view?.view === next.view && view.cardId === next.cardId) return
      view = next
      // A pointer left over from another view would show up in the wrong place.
      if (next.view !== 'board' || next.cardId) cursor = undefined
      queue()
    },
    setEditing(next) {
      gone = false
      if (editing?.cardId === next.cardId && editing.field === next.field) return
      editing = next
      queue()
    },
    stopEditing(cardId) {
      if (!editing || (cardId !== undefined && editing.cardId !== cardId)) return
      editing = undefined
      queue()
    },
    moveCursor(next) {
      // Activity after a `beforeunload` that did not unload (a cancelled navigation): still here.
      gone = false
      if (next === null && cursor === undefined) return
      cursor = next ?? undefined
      const wait = lastCursorSent + CURSOR_INTERVAL_MS - Date.now()
      if (wait <= 0) sendCursor()
      else cursorTimer ??= setTimeout(sendCursor, wait)
    },
    destroy() {
      destroyed = true
      clearTimeout(cursorTimer)
      awareness.off('change', onChange)
      window.removeEventListener('pagehide', onLeave)
      window.removeEventListener('beforeunload', onLeave)
      window.removeEventListener('pageshow', onShow)
      peopleListeners.clear()
      cursorListeners.clear()
      if (awareness.getLocalState() !== null) awareness.setLocalState(null)
    },
  }
}
