import { describe, expect, it } from 'vitest'
import { cursorsHere, type Peer, peopleHere } from './peopleHere'
import type { PresenceState } from './presenceState'

const maya = { memberId: 'maya', name: 'Maya Okafor', function: 'Marketing', color: '#d9480f' }
const ken = { memberId: 'ken', name: 'Ken Ito', color: '#5b6579' }
const me = { memberId: 'me', name: 'Diego Alvarez', function: 'Sales', color: '#1971c2' }

const peer = (clientId: number, state: PresenceState, lastUpdated = clientId): Peer => ({
  clientId,
  state,
  lastUpdated,
})

describe('who is here', () => {
  it('counts several tabs of one person once, led by their most recent tab, and leaves out this user', () => {
    const { people } = peopleHere(
      [
        peer(1, { user: maya, view: { view: 'kpis' } }, 10),
        peer(2, { user: maya, view: { view: 'board', cardId: 'c1' } }, 20),
        peer(3, { user: ken, view: { view: 'board' } }),
        peer(4, { user: me, view: { view: 'board' } }),
      ],
      'm:me',
    )
    expect(people.map((p) => [p.name, p.tabs, p.view?.view])).toEqual([
      ['Ken Ito', 1, 'board'],
      ['Maya Okafor', 2, 'board'],
    ])
  })

  it('puts people on the cards they view or edit, editing before viewing', () => {
    const { byCard } = peopleHere(
      [
        peer(1, { user: maya, view: { view: 'board', cardId: 'c1' } }, 10),
        peer(2, { user: maya, view: { view: 'list' }, editing: { cardId: 'c1', field: 'Title' } }, 5),
        peer(3, { user: ken, view: { view: 'board', cardId: 'c2' } }),
      ],
      null,
    )
    expect(byCard.c1?.map((v) => [v.name, v.activity, v.field])).toEqual([
      ['Maya Okafor', 'editing', 'Title'],
    ])
    expect(byCard.c2?.map((v) => [v.name, v.activity])).toEqual([['Ken Ito', 'viewing']])
    expect(byCard.c3).toBeUndefined()
  })

  it('shows pointers only of tabs on the funnel with no card open, never this user’s', () => {
    const cursors = cursorsHere(
      [
        peer(1, { user: maya, view: { view: 'board' }, cursor: { x: 0.2, y: 0.3 } }),
        peer(2, { user: ken, view: { view: 'kpis' }, cursor: { x: 0.5, y: 0.5 } }),
        peer(3, { user: ken, view: { view: 'board', cardId: 'c1' }, cursor: { x: 0.5, y: 0.5 } }),
        peer(4, { user: me, view: { view: 'board' }, cursor: { x: 0.1, y: 0.1 } }),
      ],
      'm:me',
    )
    expect(cursors.map((c) => [c.name, c.x, c.y])).toEqual([['Maya Okafor', 0.2, 0.3]])
  })
})
