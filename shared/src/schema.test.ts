import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { ROOT_NAMES, roots } from './schema.js'

it('hands out the document’s own root maps, the same ones on every call, and each document its own', () => {
  const doc = new Y.Doc()
  const first = roots(doc)
  expect(roots(doc)).toBe(first)
  for (const name of [...ROOT_NAMES, 'comments'] as const) expect(first[name]).toBe(doc.getMap(name))
  first.cards.set('c1', 'x')
  const other = new Y.Doc()
  expect(roots(other).cards).not.toBe(first.cards)
  expect(roots(other).cards.size).toBe(0)
})
