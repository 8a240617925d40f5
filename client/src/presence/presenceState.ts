// What one browser tab tells the others through Yjs awareness: who it is, which view and card it
// shows, which field it edits and where its pointer is on the funnel. Anything can arrive over the
// wire, so what others send is read through readPresence: a malformed or oversized state is dropped
// whole (never half-trusted), and nothing here throws.

export interface PresenceUser {
  memberId?: string
  name: string
  function?: string
  /** The function colour, as a CSS colour. Only `#rrggbb` and `hsl(h s% l%)` are accepted. */
  color: string
}

export interface PresenceView {
  /** A board view id (`board`, `list`, `kpis`…). */
  view: string
  /** The card open in the detail panel. */
  cardId?: string
}

export interface PresenceEditing {
  cardId: string
  /** The field's label as the person sees it ("Description"). */
  field?: string
}

/**
 * A pointer position on the funnel, as fractions (0–1) of the funnel's scroll content, so screens of
 * different sizes put it over the same spot.
 */
export interface PresenceCursor {
  x: number
  y: number
}

export interface PresenceState {
  user: PresenceUser
  view?: PresenceView
  editing?: PresenceEditing
  cursor?: PresenceCursor
}

export const PRESENCE_LIMITS = {
  /** The whole state, as JSON. */
  stateChars: 1024,
  name: 80,
  function: 60,
  id: 64,
  view: 24,
  field: 60,
} as const

const COLOR = /^(#[0-9a-f]{6}|hsl\(\d{1,3}(\.\d+)? \d{1,3}(\.\d+)?% \d{1,3}(\.\d+)?%\))$/i
const VIEW = /^[a-z][a-z-]*$/

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A trimmed, non-empty string of at most `max` characters, or undefined. */
function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed !== '' && trimmed.length <= max ? trimmed : undefined
}

type Read<T> = { ok: true; value: T | undefined } | { ok: false }
const absent = { ok: true, value: undefined } as const
const bad = { ok: false } as const

/** An optional part: absent (or null) is fine, present but wrong spoils the whole state. */
function optional<T>(value: unknown, read: (raw: Record<string, unknown>) => T | undefined): Read<T> {
  if (value === undefined || value === null) return absent
  if (!isRecord(value)) return bad
  const parsed = read(value)
  return parsed === undefined ? bad : { ok: true, value: parsed }
}

function readUser(raw: Record<string, unknown>): PresenceUser | undefined {
  const name = text(raw.name, PRESENCE_LIMITS.name)
  const color = typeof raw.color === 'string' && COLOR.test(raw.color) ? raw.color : undefined
  if (name === undefined || color === undefined) return undefined
  const user: PresenceUser = { name, color }
  if (raw.memberId !== undefined) {
    const memberId = text(raw.memberId, PRESENCE_LIMITS.id)
    if (memberId === undefined) return undefined
    user.memberId = memberId
  }
  if (raw.function !== undefined && raw.function !== null) {
    const fn = text(raw.function, PRESENCE_LIMITS.function)
    if (fn === undefined) return undefined
    user.function = fn
  }
  return user
}

function readView(raw: Record<string, unknown>): PresenceView | undefined {
  const view = text(raw.view, PRESENCE_LIMITS.view)
  if (view === undefined || !VIEW.test(view)) return undefined
  if (raw.cardId === undefined || raw.cardId === null) return { view }
  const cardId = text(raw.cardId, PRESENCE_LIMITS.id)
  return cardId === undefined ? undefined : { view, cardId }
}

function readEditing(raw: Record<string, unknown>): PresenceEditing | undefined {
  const cardId = text(raw.cardId, PRESENCE_LIMITS.id)
  if (cardId === undefined) return undefined
  if (raw.field === undefined || raw.field === null) return { cardId }
  const field = text(raw.field, PRESENCE_LIMITS.field)
  return field === undefined ? undefined : { cardId, field }
}

function readCursor(raw: Record<string, unknown>): PresenceCursor | undefined {
  const { x, y } = raw
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    return undefined
  }
  // A little outside the funnel is a pointer at its edge; far outside is nonsense.
  if (x < -0.1 || x > 1.1 || y < -0.1 || y > 1.1) return undefined
  return { x: Math.min(1, Math.max(0, x)), y: Math.min(1, Math.max(0, y)) }
}

/** Reads another tab's awareness state; null when it is not a presence state this client can trust. */
export function readPresence(raw: unknown): PresenceState | null {
  if (!isRecord(raw)) return null
  let size: number
  try {
    size = JSON.stringify(raw).length
  } catch {
    return null
  }
  if (size > PRESENCE_LIMITS.stateChars) return null
  const user = optional(raw.user, readUser)
  if (!user.ok || user.value === undefined) return null
  const view = optional(raw.view, readView)
  const editing = optional(raw.editing, readEditing)
  const cursor = optional(raw.cursor, readCursor)
  if (!view.ok || !editing.ok || !cursor.ok) return null
  const state: PresenceState = { user: user.value }
  if (view.value) state.view = view.value
  if (editing.value) state.editing = editing.value
  if (cursor.value) state.cursor = cursor.value
  return state
}

/** The key that makes several tabs of one person one presence. */
export function personKey(user: PresenceUser): string {
  return user.memberId ? `m:${user.memberId}` : `n:${user.name}\u0000${user.function ?? ''}`
}
