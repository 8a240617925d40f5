import { describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { caretAwareness, readTextCaret, TEXT_CARET_FIELD } from './caretAwareness'

const position = { type: { client: 7, clock: 3 }, tname: null, item: { client: 7, clock: 5 }, assoc: 0 }
const caret = { anchor: position, head: position }
const user = { name: 'Maya Okafor', function: 'Marketing', color: '#d9480f' }

/** This tab's awareness after another tab (client `id`) sent `state`. */
function receiving(states: Record<number, Record<string, unknown>>): Awareness {
  const local = new Awareness(new Y.Doc())
  for (const [id, state] of Object.entries(states)) {
    const remote = new Awareness(new Y.Doc())
    remote.clientID = Number(id)
    // A client's first state has clock 0, which a receiver ignores: send its second.
    remote.setLocalState({})
    remote.setLocalState(state)
    applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'remote')
  }
  return local
}

describe('caret awareness', () => {
  it('hands the caret plugin other people’s text carets as `cursor`, with their name and colour', () => {
    const local = receiving({
      11: { user, [TEXT_CARET_FIELD]: caret, cursor: { x: 0.5, y: 0.5 } },
      12: { user: { name: 'Diego', color: 'hsl(200 55% 42%)' }, [TEXT_CARET_FIELD]: caret },
    })
    const states = caretAwareness(local).getStates()
    expect(states.get(11)).toEqual({
      user: { name: 'Maya Okafor', color: '#d9480f', cssColor: '#d9480f' },
      cursor: caret,
    })
    // The plugin only draws #rrggbb; the caret itself keeps the function colour.
    expect(states.get(12)?.user).toEqual({ name: 'Diego', color: '#6b7280', cssColor: 'hsl(200 55% 42%)' })
  })

  it('leaves out pointers over the funnel, malformed carets and states without a valid presence user', () => {
    const local = receiving({
      21: { user, cursor: { x: 0.2, y: 0.3 } },
      22: { user, [TEXT_CARET_FIELD]: { anchor: { item: { client: 'x', clock: 1 } }, head: position } },
      23: { user, [TEXT_CARET_FIELD]: { anchor: position } },
      24: { [TEXT_CARET_FIELD]: caret },
      25: { user: { name: 'No colour' }, [TEXT_CARET_FIELD]: caret },
    })
    expect([...caretAwareness(local).getStates().keys()]).toEqual([])
    expect(readTextCaret({ anchor: { ...position, assoc: 0.5 }, head: position })).toBeNull()
  })

  it('writes this tab’s caret into its own field and leaves the presence user and pointer alone', () => {
    const awareness = new Awareness(new Y.Doc())
    awareness.setLocalState({ user, cursor: { x: 0.1, y: 0.1 } })
    const carets = caretAwareness(awareness)
    carets.setLocalStateField('cursor', caret)
    carets.setLocalStateField('user', { name: 'Someone else', color: '#000000' })
    expect(awareness.getLocalState()).toEqual({ user, cursor: { x: 0.1, y: 0.1 }, [TEXT_CARET_FIELD]: caret })
    expect(carets.getLocalState()).toEqual({ cursor: caret })
    carets.setLocalStateField('cursor', null)
    expect(carets.getLocalState()).toEqual({ cursor: null })
  })
})
