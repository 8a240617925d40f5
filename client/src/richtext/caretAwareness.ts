// Where each person's text caret is, shared through the board's one Yjs awareness. The caret plugin
// of the editor binding (y-tiptap) reads and writes an awareness `cursor` field, but on this board
// `cursor` is the pointer over the funnel (presence), so carets travel in their own field and the
// plugin gets a view of the awareness that maps one to the other. What others send is checked first:
// a caret that is not two well-formed relative positions, or a state without a valid presence user,
// is left out rather than handed to the plugin (which would throw on it).

import type { Awareness } from 'y-protocols/awareness'
import { readPresence } from '../presence/presenceState'

/** The awareness field carets travel in. */
export const TEXT_CARET_FIELD = 'textCaret'

interface JsonId {
  client: number
  clock: number
}

interface JsonRelativePosition {
  type: JsonId | null
  tname: string | null
  item: JsonId | null
  assoc: number
}

export interface TextCaret {
  anchor: JsonRelativePosition
  head: JsonRelativePosition
}

/** The user a caret is drawn for: `color` is what the plugin accepts, `cssColor` the function colour. */
export interface CaretUser {
  name: string
  color: string
  cssColor: string
}

export interface CaretState {
  user?: CaretUser
  cursor: TextCaret | null
}

const HEX = /^#[0-9a-f]{6}$/i
const FALLBACK_HEX = '#6b7280'

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function readId(value: unknown): JsonId | null | undefined {
  if (value === null || value === undefined) return null
  if (!isRecord(value)) return undefined
  const { client, clock } = value
  return Number.isSafeInteger(client) &&
    Number.isSafeInteger(clock) &&
    (client as number) >= 0 &&
    (clock as number) >= 0
    ? { client: client as number, clock: clock as number }
    : undefined
}

function readPosition(value: unknown): JsonRelativePosition | null {
  if (!isRecord(value)) return null
  const type = readId(value.type)
  const item = readId(value.item)
  const tname = value.tname ?? null
  const assoc = value.assoc ?? 0
  if (type === undefined || item === undefined) return null
  if (tname !== null && (typeof tname !== 'string' || tname.length > 64)) return null
  if (!Number.isSafeInteger(assoc)) return null
  return { type, tname, item, assoc: assoc as number }
}

/** Another client's caret, or null when it sent none or something malformed. */
export function readTextCaret(value: unknown): TextCaret | null {
  if (!isRecord(value)) return null
  const anchor = readPosition(value.anchor)
  const head = readPosition(value.head)
  return anchor && head ? { anchor, head } : null
}

/** The awareness as the caret plugin (and CollaborationCaret) use it: `cursor` is the text caret. */
export interface CaretAwareness {
  readonly clientID: number
  readonly states: Map<number, CaretState>
  getStates(): Map<number, CaretState>
  getLocalState(): CaretState
  setLocalStateField(field: string, value: unknown): void
  on(event: 'change' | 'update', listener: (...args: unknown[]) => void): void
  off(event: 'change' | 'update', listener: (...args: unknown[]) => void): void
}

export function caretAwareness(awareness: Awareness): CaretAwareness {
  const getStates = (): Map<number, CaretState> => {
    const out = new Map<number, CaretState>()
    for (const [clientId, raw] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue
      const presence = readPresence(raw)
      const cursor = readTextCaret((raw as Record<string, unknown>)[TEXT_CARET_FIELD])
      if (!presence || !cursor) continue
      const { name, color } = presence.user
      out.set(clientId, {
        user: { name, color: HEX.test(color) ? color : FALLBACK_HEX, cssColor: color },
        cursor,
      })
    }
    return out
  }
  return {
    get clientID() {
      return awareness.clientID
    },
    get states() {
      return getStates()
    },
    getStates,
    getLocalState: () => ({ cursor: readTextCaret(awareness.getLocalState()?.[TEXT_CARET_FIELD]) }),
    setLocalStateField(field, value) {
      // The user is presence's to publish; only the caret is the editor's.
      if (field === 'cursor') awareness.setLocalStateField(TEXT_CARET_FIELD, value)
    },
    on: (event, listener) => awareness.on(event, listener),
    off: (event, listener) => awareness.off(event, listener),
  }
}
