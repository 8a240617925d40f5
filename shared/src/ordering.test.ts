import { describe, expect, test } from 'vitest'
import { compareOrdered, keyBetween, keyForIndex, keysInOrder, type Ordered } from './ordering.js'
import { seededRandom } from './testSupport/seededRandom.js'

/** Places item `id` at `index` the way placeInStage does and returns the ids in display order. */
function place(siblings: readonly Ordered[], index: number, id = 'new'): string[] {
  const sorted = [...siblings].sort(compareOrdered)
  const { key, rekeys } = keyForIndex(sorted, index)
  const rekeyed = new Map(rekeys.map((r) => [r.id, r.key]))
  return [...sorted.map((s) => ({ id: s.id, order: rekeyed.get(s.id) ?? s.order })), { id, order: key }]
    .sort(compareOrdered)
    .map((s) => s.id)
}

describe('keyBetween', () => {
  test('two replicas inserting between the same neighbours almost never get the same key', () => {
    const keys = new Set(Array.from({ length: 200 }, () => keyBetween('a1', 'a2')))
    expect(keys.size).toBeGreaterThan(190)
    for (const k of keys) expect(k > 'a1' && k < 'a2').toBe(true)
  })

  test('open ends give a first key, a key after and a key before', () => {
    const first = keyBetween(null, null)
    expect(keyBetween(first, null) > first).toBe(true)
    expect(keyBetween(null, first) < first).toBe(true)
  })

  test('a key between two neighbours sorts strictly between them', () => {
    const [a, b] = keysInOrder(2) as [string, string]
    const mid = keyBetween(a, b)
    expect(a < mid && mid < b).toBe(true)
  })

  test('an invalid neighbour key is treated as an open end', () => {
    expect(keyBetween('not a key', 'a1') < 'a1').toBe(true)
    expect(keyBetween('a1', '!!') > 'a1').toBe(true)
    // The open-ended first key, plus at most a few random digits that keep concurrent inserts apart.
    expect(keyBetween('', '')).toMatch(/^a0[1-9A-Za-z]{0,3}$/)
  })

  test('equal or reversed neighbours give a key just after the first one instead of throwing', () => {
    expect(keyBetween('a1', 'a1') > 'a1').toBe(true)
    expect(keyBetween('a2', 'a1') > 'a2').toBe(true)
  })
})

describe('keyForIndex', () => {
  const three: Ordered[] = keysInOrder(3).map((order, i) => ({ id: `c${i}`, order }))

  test('places at the start, in the middle and at the end without re-keying anyone', () => {
    for (const index of [0, 1, 2, 3]) {
      const { rekeys } = keyForIndex(three, index)
      expect(rekeys).toEqual([])
      expect(place(three, index).indexOf('new')).toBe(index)
    }
  })

  test('an empty list gets the first key', () => {
    expect(keyForIndex([], 0)).toEqual({ key: expect.stringMatching(/^a0[1-9A-Za-z]{0,3}$/), rekeys: [] })
  })

  test('an index out of range is clamped to the ends; NaN means the end', () => {
    expect(place(three, -5).indexOf('new')).toBe(0)
    expect(place(three, 99).indexOf('new')).toBe(3)
    expect(place(three, Number.NaN).indexOf('new')).toBe(3)
  })

  test('between two siblings sharing a key, the later one is re-keyed and the item lands between', () => {
    const siblings = [
      { id: 'x', order: 'a1' },
      { id: 'y', order: 'a1' },
      { id: 'z', order: 'a3' },
    ]
    const result = keyForIndex(siblings, 1)
    expect(result.rekey).toEqual(result.rekeys[0])
    expect(result.rekeys.map((r) => r.id)).toEqual(['y'])
    expect(place(siblings, 1)).toEqual(['x', 'new', 'y', 'z'])
  })

  test('inside a run of three equal keys the item lands at the requested index', () => {
    const siblings = ['x', 'y', 'z'].map((id) => ({ id, order: 'a1' }))
    expect(place(siblings, 1)).toEqual(['x', 'new', 'y', 'z'])
    expect(place(siblings, 2)).toEqual(['x', 'y', 'new', 'z'])
  })

  test('broken keys are re-keyed in their displayed order so the item lands where it was put', () => {
    const siblings = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: '' },
      { id: 'c', order: '' },
    ]
    expect(place(siblings, 2)).toEqual(['a', 'b', 'new', 'c'])
    const { key, rekeys } = keyForIndex(siblings, 2)
    expect([key, ...rekeys.map((r) => r.key)].every((k) => keyBetween(k, null) > k)).toBe(true)
  })

  test('for random lists with duplicate and broken keys, the item lands at the index and the rest keep their order', () => {
    const pool = ['a0', 'a1', 'a1', 'a2', 'a5', '', 'junk', 'Zz', 'a1V']
    for (let seed = 1; seed <= 400; seed++) {
      const rnd = seededRandom(seed)
      const siblings = Array.from({ length: rnd.int(7) }, (_, i) => ({ id: `s${i}`, order: rnd.pick(pool) }))
      const before = [...siblings].sort(compareOrdered).map((s) => s.id)
      const index = rnd.int(siblings.length + 1)
      const after = place(siblings, index)
      expect(after.indexOf('new'), `seed ${seed}`).toBe(index)
      expect(
        after.filter((id) => id !== 'new'),
        `seed ${seed}`,
      ).toEqual(before)
    }
  })
})

describe('compareOrdered', () => {
  test('sorts by key, empty keys last, then by id so equal keys have one order everywhere', () => {
    const items = [
      { id: 'b', order: 'a1' },
      { id: 'z', order: '' },
      { id: 'a', order: 'a1' },
      { id: 'c', order: 'a0' },
    ]
    expect([...items].sort(compareOrdered).map((i) => i.id)).toEqual(['c', 'a', 'b', 'z'])
  })
})
