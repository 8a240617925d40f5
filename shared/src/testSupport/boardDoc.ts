// Builders for the in-memory boards the shared tests start from.

import * as Y from 'yjs'
import { addCard } from '../ops/addCard.js'
import { initBoard } from '../ops/initBoard.js'
import { recordIn, roots } from '../schema.js'

/** A fresh board with the default funnel, on a doc with a fixed client id when one is given. */
export function boardDoc(clientId?: number): Y.Doc {
  const doc = new Y.Doc()
  if (clientId !== undefined) doc.clientID = clientId
  const made = initBoard(doc, { title: 'Test board' })
  if (!made.ok) throw new Error(made.error)
  return doc
}

/** A board with a KPI `k0`, a person `p0` and four cards `c0`–`c3` (initiatives and hypotheses) in `acquire`. */
export function smallBoardDoc(clientId?: number): Y.Doc {
  const doc = boardDoc(clientId)
  const r = roots(doc)
  r.kpis.set('k0', new Y.Map([['name', 'NRR']]))
  r.people.set('p0', new Y.Map([['name', 'Maya']]))
  for (let i = 0; i < 4; i++) {
    addCard(doc, {
      kind: i % 2 ? 'hypothesis' : 'initiative',
      title: `card ${i}`,
      stageId: 'acquire',
      id: `c${i}`,
    })
  }
  return doc
}

/** The stored record of a card, for tests that write bad data straight into the document. */
export function cardRecord(doc: Y.Doc, id: string): Y.Map<unknown> {
  const card = recordIn(roots(doc).cards, id)
  if (!card) throw new Error(`no card ${id}`)
  return card
}

/** The doc's whole state loaded into a new replica, as a fresh client would see it. */
export function replicaOf(doc: Y.Doc, clientId?: number): Y.Doc {
  const copy = new Y.Doc()
  if (clientId !== undefined) copy.clientID = clientId
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}
