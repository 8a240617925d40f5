import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readCardsById, rereadCards } from './board.js'
import { touchesOfUpdate } from './guard.js'
import { editCard } from './ops/editCard.js'
import { roots } from './schema.js'
import { cardRecord, replicaOf, smallBoardDoc } from './testSupport/boardDoc.js'
import { junk, scribble } from './testSupport/scribble.js'
import { type Random, seededRandom } from './testSupport/seededRandom.js'

const CARD_FIELDS = [
  'title',
  'description',
  'status',
  'tags',
  'extraFunctions',
  'hypothesis',
  'createdBy',
  'updatedAt',
  'kind',
  'position',
  'owners',
  'kpiIds',
  'parentId',
  '__proto__',
]

/** An edit inside whatever a card field holds: text typed, list items pushed or removed, plan fields set. */
function editInside(value: unknown, rnd: Random): boolean {
  if (value instanceof Y.Text) {
    value.insert(rnd.int(value.length + 1), rnd.pick(['a', ' ', 'x'.repeat(300), '\n']))
  } else if (value instanceof Y.XmlFragment) {
    const first = value.get(0)
    if (first instanceof Y.XmlElement && first.get(0) instanceof Y.XmlText) {
      const text = first.get(0) as Y.XmlText
      if (rnd.chance(0.2) && text.length > 0) text.delete(0, 1)
      else text.insert(rnd.int(text.length + 1), rnd.pick(['k', 'ey', '\n']))
    } else {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText('typed')])
      value.insert(0, [p])
    }
  } else if (value instanceof Y.Array) {
    if (rnd.chance(0.3) && value.length > 0) value.delete(rnd.int(value.length))
    else value.push([rnd.pick(['growth', 'sales', '', 'growth', 3])])
  } else if (value instanceof Y.Map) {
    const keys = [...value.keys()]
    const nested = keys.length > 0 ? value.get(rnd.pick(keys)) : undefined
    if (!editInside(nested, rnd)) value.set(rnd.pick([...keys, 'impact', 'statement', 'x']), junk(rnd, 1))
  } else {
    return false
  }
  return true
}

function randomEdit(doc: Y.Doc, rnd: Random): void {
  const ids = [...roots(doc).cards.keys()]
  const id = rnd.pick(ids.length > 0 ? ids : ['c0'])
  const record = roots(doc).cards.get(id)
  const choice = rnd.int(10)
  if (!(record instanceof Y.Map) || choice === 0) {
    scribble(doc, rnd)
    return
  }
  const field = rnd.pick(CARD_FIELDS)
  if (choice <= 5 && editInside(record.get(field), rnd)) return
  if (choice <= 7) {
    editCard(
      doc,
      id,
      rnd.pick([
        { title: `t${rnd.int(9)}` },
        { description: rnd.pick(['', 'one\ntwo']) },
        { kind: 'hypothesis' },
      ]),
    )
    return
  }
  record.set(field, rnd.pick([junk(rnd), rnd.pick(['approved', 'proposed', 'idea']), ['growth', 'sales']]))
}

describe('rereadCards', () => {
  it('answers what readCardsById answers after random edits from concurrent replicas (seeded)', () => {
    let fast = 0
    let full = 0
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = seededRandom(seed)
      const server = smallBoardDoc(1)
      const clients = [replicaOf(server, 11), replicaOf(server, 12), replicaOf(server, 13)]
      for (let step = 0; step < 60; step++) {
        const writer = rnd.pick(clients)
        // Not always caught up, so edits conflict with ones the server already has.
        if (rnd.chance(0.6)) Y.applyUpdate(writer, Y.encodeStateAsUpdate(server, Y.encodeStateVector(writer)))
        const known = Y.encodeStateVector(server)
        randomEdit(writer, rnd)
        const update = Y.encodeStateAsUpdate(writer, known)
        const touches = touchesOfUpdate(server, update)
        if (!touches.ok) continue
        const ids = [
          ...new Set(touches.value.flatMap((t) => (t.root === 'cards' && t.key !== null ? [t.key] : []))),
        ]
        const before = readCardsById(server, ids)
        const settled = server.store.pendingStructs === null && server.store.pendingDs === null
        Y.applyUpdate(server, update)
        const expected = readCardsById(server, ids)
        const reread = settled ? rereadCards(server, before, touches.value) : null
        if (reread === null) {
          full += 1
          continue
        }
        fast += 1
        expect([...reread.keys()], `seed ${seed} step ${step}`).toEqual([...expected.keys()])
        for (const [id, card] of expected)
          expect(reread.get(id), `seed ${seed} step ${step}`).toStrictEqual(card)
      }
    }
    // Both paths were exercised, the shortcut often.
    expect(fast).toBeGreaterThan(300)
    expect(full).toBeGreaterThan(300)
  })

  it('reads a typed description, title and plan again, and leaves the rest of the card as it was', () => {
    const doc = smallBoardDoc(1)
    const before = readCardsById(doc, ['c1'])
    const client = replicaOf(doc, 7)
    const known = Y.encodeStateVector(doc)
    editInside(cardRecord(client, 'c1').get('description'), seededRandom(3))
    cardRecord(client, 'c1').set('title', 'x'.repeat(250))
    const plan = cardRecord(client, 'c1').get('hypothesis') as Y.Map<unknown>
    plan.set('impact', 7)
    const update = Y.encodeStateAsUpdate(client, known)
    const touches = touchesOfUpdate(doc, update)
    if (!touches.ok) throw new Error(touches.error)
    Y.applyUpdate(doc, update)
    const reread = rereadCards(doc, before, touches.value)
    expect(reread?.get('c1')).toStrictEqual(readCardsById(doc, ['c1']).get('c1'))
    expect(reread?.get('c1')?.title).toHaveLength(200)
    expect(reread?.get('c1')?.hypothesis?.impact).toBe(7)
  })

  it('declines what depends on the rest of the board or replaces the card', () => {
    const doc = smallBoardDoc(1)
    const before = readCardsById(doc, ['c0', 'c1'])
    const at = (field: string | null, root = 'cards', key: string | null = 'c0') => [
      { root, key, field, values: [], deletes: false },
    ]
    for (const field of ['kind', 'position', 'owners', 'kpiIds', 'parentId', 'nonsense', '__proto__'])
      expect(rereadCards(doc, before, at(field)), field).toBeNull()
    expect(rereadCards(doc, before, at(null))).toBeNull()
    expect(rereadCards(doc, before, at('title', 'people', 'p0'))).toBeNull()
    expect(rereadCards(doc, before, at('title', 'cards', 'c9'))).toBeNull()
    expect(rereadCards(doc, before, at('title'))?.get('c1')).toBe(before.get('c1'))
  })
})
