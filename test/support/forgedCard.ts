// A hand-made update no honest client sends: a card written under someone else's Yjs client id.

import { addCard } from '@tideboard/shared'
import * as Y from 'yjs'

/** A card added under `clientId` on top of what `source` holds: only what `source` lacks is encoded. */
export function forgedCard(source: Y.Doc, clientId: number, title: string): Uint8Array {
  const forger = new Y.Doc()
  Y.applyUpdate(forger, Y.encodeStateAsUpdate(source))
  forger.clientID = clientId
  const before = Y.encodeStateVector(forger)
  const added = addCard(forger, { kind: 'initiative', title, stageId: 'acquire' })
  if (!added.ok) throw new Error(added.error)
  return Y.encodeStateAsUpdate(forger, before)
}
