// Structural sharing between two reads of the board: parts of `next` that equal the matching part of
// `prev` are replaced by `prev`'s object, so an unchanged card keeps its identity across updates and
// React.memo'd components for it skip re-rendering.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

export function replaceEqualDeep<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return next
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length
    const out = next.map((item, i) => {
      const shared = replaceEqualDeep(prev[i], item)
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
      const shared = replaceEqualDeep(prev[key], next[key])
      if (!Object.hasOwn(prev, key) || shared !== prev[key]) same = false
      out[key] = shared
    }
    return (same ? prev : out) as T
  }
  return next
}
