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
  return generateKeyBetween(lo, hi)
}

/** `n` keys in ascending order, for laying out a whole list at once (new boards, imports). */
export function keysInOrder(n: number): string[] {
  return generateNKeysBetween(null, null, n)
}

/**
 * The key for placing an item at `index` in `siblings` (sorted, not containing the item itself).
 * When the neighbours share a key (two concurrent inserts at one spot), `rekey` names a sibling
 * that must get a fresh key so the new item fits strictly between.
 */
export function keyForIndex(
  siblings: readonly Ordered[],
  index: number,
): { key: string; rekey?: { id: string; key: string } } {
  const i = Math.max(0, Math.min(index, siblings.length))
  const before = siblings[i - 1] ?? null
  const after = siblings[i] ?? null
  if (before && after && before.order === after.order && isValidKey(before.order)) {
    // Move `after` up to a key strictly between it and the next distinct key, then fit in below it.
    const next = siblings.slice(i + 1).find((s) => s.order > after.order) ?? null
    const afterKey = keyBetween(after.order, next ? next.order : null)
    return { key: keyBetween(before.order, afterKey), rekey: { id: after.id, key: afterKey } }
  }
  return { key: keyBetween(before ? before.order : null, after ? after.order : null) }
}
