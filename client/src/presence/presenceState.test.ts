import { describe, expect, it } from 'vitest'
import { PRESENCE_LIMITS, readPresence } from './presenceState'

const user = { memberId: 'm1', name: 'Maya Okafor', function: 'Marketing', color: '#d9480f' }

describe('reading another tab’s presence', () => {
  it('keeps a well-formed state, clamping a pointer just outside the funnel', () => {
    expect(
      readPresence({
        user,
        view: { view: 'board', cardId: 'c1' },
        editing: { cardId: 'c1', field: 'Description' },
        cursor: { x: 1.05, y: 0.5 },
      }),
    ).toEqual({
      user,
      view: { view: 'board', cardId: 'c1' },
      editing: { cardId: 'c1', field: 'Description' },
      cursor: { x: 1, y: 0.5 },
    })
    expect(readPresence({ user: { name: 'Ken', color: 'hsl(210 55% 42%)' } })).toEqual({
      user: { name: 'Ken', color: 'hsl(210 55% 42%)' },
    })
  })

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [user]],
    ['no user', { view: { view: 'board' } }],
    ['an empty name', { user: { ...user, name: '  ' } }],
    ['a colour that is CSS injection', { user: { ...user, color: 'red; background: url(x)' } }],
    ['a name too long', { user: { ...user, name: 'x'.repeat(PRESENCE_LIMITS.name + 1) } }],
    ['a non-finite pointer', { user, cursor: { x: Number.NaN, y: 0 } }],
    ['a pointer far off the funnel', { user, cursor: { x: 40, y: 0 } }],
    ['a view that is not an id', { user, view: { view: '<script>' } }],
    ['editing without a card', { user, editing: { field: 'Title' } }],
    ['a malformed optional part', { user, view: 'board' }],
    ['an oversized state', { user, padding: 'x'.repeat(PRESENCE_LIMITS.stateChars) }],
  ])('drops a state with %s', (_what, raw) => {
    expect(readPresence(raw)).toBeNull()
  })
})
