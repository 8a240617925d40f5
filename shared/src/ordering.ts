// Order keys between neighbours (fractional indexing), so concurrent moves and reorders converge
// without renumbering anything. Items sort by (key, id): equal keys from concurrent inserts still
// have one total order on every replica.

import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing'

export interface Ordered {
  id: string
  order: string
}

export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) {
    // Empty or broken keys sort last, then by id.
    if (a.order === '') return 1
    if (b.order === '') return -1
    return a.order < b.order ? -1 : 1
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function isValidKey(key: string | null): key is string {
  if (key === null || key === '') return false
  try {
    generateKeyBetween(key, null)
    return true
  } catch {
    return false
  }
}

/**
 * A key that sorts after `before` and before `after` (either may be null for an open end).
 * Invalid or equal neighbour keys are tolerated: the result then sorts just after `before`.
 */
export function keyBetween(before: string | null, after: string | null): string {
  const lo = isValidKey(before) ? before : null
  let hi = isValidKey(after) ? after : null
  if (lo !== null && hi !== null && lo >= hi) hi = null
  return jitter(generateKeyBetween(lo, hi), hi)
}

// Digits of the keys' fractional part, without '0' (a key may not end in it).
const JITTER_DIGITS = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * Two replicas inserting between the same neighbours would compute the same key; a few random digits
 * appended keep their keys apart (equal keys still sort by id, but later inserts between them then
 * need a re-key, which can race with a concurrent move of that card).
 */
function jitter(key: string, hi: string | null): string {
  let suffix = ''
  for (let i = 0; i < 3; i++) suffix += JITTER_DIGITS[Math.floor(Math.random() * JITTER_DIGITS.length)]
  const candidate = key + suffix
  return (hi === null || candidate < hi) && isValidKey(candidate) ? candidate : key
}

/** `n` keys in ascending order, for laying out a whole list at once (new boards, imports). */
export function keysInOrder(n: number): string[] {
  return generateNKeysBetween(null, null, n)
}

/** A sibling that must move to a new key so that an insert fits where the user put it. */
export interface Rekey {
  id: string
  key: string
}

/**
 * The key for placing an item at `index` in `siblings` (sorted with compareOrdered, not containing
 * the item itself). When concurrent inserts left siblings sharing one key, or a replica wrote broken
 * keys, no key fits strictly between the neighbours: `rekeys` then lists the siblings that need a
 * fresh key (in display order, which is kept) so that the new item lands exactly at `index`.
 * `rekey` is the first of them, kept for callers written when at most one was needed.
 */
export function keyForIndex(
  siblings: readonly Ordered[],
  index: number,
): { key: string; rekey?: Rekey; rekeys: Rekey[] } {
  const n = siblings.length
  const i = Number.isNaN(index) ? n : Math.max(0, Math.min(Math.floor(index), n))
  // Valid keys are sorted among themselves (compareOrdered is string order, with '' last), so the
  // lower bound is the last valid key before the spot and the upper bound the first valid key above it.
  let lo = i - 1
  while (lo >= 0 && !isValidKey(siblings[lo]!.order)) lo--
  const loKey = lo >= 0 ? siblings[lo]!.order : null
  let hi = i
  while (hi < n && !(isValidKey(siblings[hi]!.order) && (loKey === null || siblings[hi]!.order > loKey))) hi++
  const hiKey = hi < n ? siblings[hi]!.order : null
  const below = siblings.slice(lo + 1, i)
  const above = siblings.slice(i, hi)
  if (below.length === 0 && above.length === 0) return { key: generateKeyBetween(loKey, hiKey), rekeys: [] }
  const keys = generateNKeysBetween(loKey, hiKey, below.length + 1 + above.length)
  const rekeys = [
    ...below.map((s, j) => ({ id: s.id, key: keys[j]! })),
    ...above.map((s, j) => ({ id: s.id, key: keys[below.length + 1 + j]! })),
  ]
  return { key: keys[below.length]!, rekey: rekeys[0]!, rekeys }
}
