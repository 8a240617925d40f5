// Who is here, from the valid presence states of other tabs: one entry per person (several tabs of one
// person count once), who is on each card (viewing it in their panel or editing one of its fields),
// and the pointers shown on the funnel. Pure and cursor-free where it can be, so a pointer moving
// changes only the cursor list and nothing a card or avatar shows.

import { type PresenceState, type PresenceView, personKey } from './presenceState'

export interface Peer {
  clientId: number
  state: PresenceState
  /** When this tab last said something (ms); the newest tab of a person leads when following them. */
  lastUpdated: number
}

export interface PersonHere {
  key: string
  name: string
  function?: string
  color: string
  /** Open tabs of this person on the board. */
  tabs: number
  /** What the person's most recently active tab shows. */
  view?: PresenceView
}

export interface CardVisitor {
  key: string
  name: string
  function?: string
  color: string
  activity: 'viewing' | 'editing'
  /** The field being edited, when known. */
  field?: string
}

export interface PeopleSnapshot {
  people: PersonHere[]
  /** By card id; cards nobody is on are absent. */
  byCard: Record<string, CardVisitor[]>
}

export interface CursorHere {
  clientId: number
  key: string
  name: string
  color: string
  x: number
  y: number
}

const byName = (a: { name: string; key: string }, b: { name: string; key: string }) =>
  a.name.localeCompare(b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/** Newest first, so the first tab seen of a person is the one that leads. */
const newestFirst = (peers: readonly Peer[]) =>
  [...peers].sort((a, b) => b.lastUpdated - a.lastUpdated || a.clientId - b.clientId)

/** People and card visitors, leaving out the person whose key is `selfKey` (this user's other tabs). */
export function peopleHere(peers: readonly Peer[], selfKey: string | null): PeopleSnapshot {
  const people = new Map<string, PersonHere>()
  const cards = new Map<string, Map<string, CardVisitor>>()
  for (const { state } of newestFirst(peers)) {
    const key = personKey(state.user)
    if (key === selfKey) continue
    const { name, color } = state.user
    const fn = state.user.function
    const known = people.get(key)
    if (known) known.tabs++
    else {
      const person: PersonHere = { key, name, color, tabs: 1 }
      if (fn) person.function = fn
      if (state.view) person.view = state.view
      people.set(key, person)
    }
    const visit = (cardId: string, visitor: CardVisitor) => {
      const onCard = cards.get(cardId) ?? new Map<string, CardVisitor>()
      cards.set(cardId, onCard)
      const before = onCard.get(key)
      // Editing says more than viewing; among two edits, the newest tab's wins.
      if (!before || (before.activity === 'viewing' && visitor.activity === 'editing'))
        onCard.set(key, visitor)
    }
    const base = fn ? { key, name, color, function: fn } : { key, name, color }
    if (state.editing) {
      const { cardId, field } = state.editing
      visit(cardId, field ? { ...base, activity: 'editing', field } : { ...base, activity: 'editing' })
    }
    if (state.view?.cardId) visit(state.view.cardId, { ...base, activity: 'viewing' })
  }
  const byCard: Record<string, CardVisitor[]> = {}
  for (const [cardId, visitors] of cards) byCard[cardId] = [...visitors.values()].sort(byName)
  return { people: [...people.values()].sort(byName), byCard }
}

/**
 * Pointers of tabs showing the funnel, one per tab, leaving out this user's own tabs. A tab with a
 * card open points at its panel, not at the funnel, so its pointer is not shown.
 */
export function cursorsHere(peers: readonly Peer[], selfKey: string | null): CursorHere[] {
  const cursors: CursorHere[] = []
  for (const { clientId, state } of peers) {
    const key = personKey(state.user)
    if (key === selfKey || !state.cursor || state.view?.view !== 'board' || state.view.cardId) continue
    const { name, color } = state.user
    cursors.push({ clientId, key, name, color, x: state.cursor.x, y: state.cursor.y })
  }
  return cursors.sort((a, b) => a.clientId - b.clientId)
}
