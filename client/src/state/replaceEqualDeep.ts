// Structural sharing between two reads of the board: parts of `next` that equal the matching part of
// `prev` are replaced by `prev`'s object, so an unchanged card keeps its identity across updates and
// React.memo'd components for it skip re-rendering. In arrays, a record (an object with a string
// `id`) is matched with the record of the same id, wherever it was: a card moved to another place
// shifts the cards after it, and matched by index each of them would be compared with its
// neighbour, found different and copied (a drop re-rendered the whole stage it left).

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function idOf(value: unknown): string | undefined {
  return isPlainObject(value) && typeof value.id === 'string' ? value.id : undefined
}

function byId(items: readonly unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>()
  for (const item of items) {
    const id = idOf(item)
    if (id !== undefined && !map.has(id)) map.set(id, item)
  }
  return map
}

export function replaceEqualDeep<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return next
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length
    // Built only when a record is not where it was.
    let prevById: Map<string, unknown> | null = null
    const out = next.map((item, i) => {
      let before: unknown = prev[i]
      if (before !== item) {
        const id = idOf(item)
        if (id !== undefined && idOf(before) !== id) {
          prevById ??= byId(prev)
          before = prevById.get(id)
        }
      }
      const shared = replaceEqualDeep(before, item)
      if (shared !== prev[i]) same = false
      return shared
    })
    return (same ? prev : out) as T
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    const prevKeys = Object.keys(prev)
    const nextKeys = Object.keys(next)
    let same = prevKeys.length === nextKeys.length
    const out: Record<string, unknown> = {}
    for (const key of nextKeys) {
      const before = Object.hasOwn(prev, key) ? prev[key] : undefined
      const shared = replaceEqualDeep(before, next[key])
      if (!Object.hasOwn(prev, key) || shared !== before) same = false
      // Defined, not assigned: a key like "__proto__" is then a property of its own, as in `next`.
      Object.defineProperty(out, key, { value: shared, enumerable: true, writable: true, configurable: true })
    }
    return (same ? prev : out) as T
  }
  return next
}
