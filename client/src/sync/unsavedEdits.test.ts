import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { heldIn, notStoredBy, parseUnsavedEdits, serializeUnsavedEdits } from './unsavedEdits'

describe('unsaved edits', () => {
  it('round-trips through its stored form', () => {
    const edits = [
      { client: 12, clock: 3 },
      { client: 7, clock: 40 },
    ]
    expect(parseUnsavedEdits(serializeUnsavedEdits(edits))).toEqual(edits)
  })

  it('drops what is not a list of [client, clock] pairs instead of throwing', () => {
    expect(parseUnsavedEdits(null)).toEqual([])
    expect(parseUnsavedEdits('not json')).toEqual([])
    expect(parseUnsavedEdits('{"client":1}')).toEqual([])
    expect(parseUnsavedEdits('[[1,2],[1],["a",3],[4,0],[5,1.5],[6,7,8],null,[9,10]]')).toEqual([
      { client: 1, clock: 2 },
      { client: 9, clock: 10 },
    ])
  })

  it('counts an edit as saved once the server stored its client up to its clock', () => {
    const edits = [
      { client: 1, clock: 2 },
      { client: 1, clock: 5 },
      { client: 2, clock: 1 },
    ]
    const durable = new Map([[1, 4]])
    expect(notStoredBy(edits, durable)).toEqual([
      { client: 1, clock: 5 },
      { client: 2, clock: 1 },
    ])
    durable.set(1, 5).set(2, 1)
    expect(notStoredBy(edits, durable)).toEqual([])
  })

  it('forgets an edit the local copy does not hold, which can never be sent', () => {
    const doc = new Y.Doc()
    doc.getMap('m').set('a', 1)
    const kept = { client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) }
    const lost = { client: doc.clientID, clock: kept.clock + 1 }
    const otherDevice = { client: doc.clientID + 1, clock: 1 }
    expect(heldIn([kept, lost, otherDevice], doc)).toEqual([kept])
  })
})
