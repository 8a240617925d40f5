// Tells which parts of a board document an incoming update would touch, before it is applied, so
// the server can refuse writes to data only it may write (decisions, membership, activity).
// A CRDT update cannot be taken back once applied, so this reads the encoded update itself
// (Y.decodeUpdate) and resolves every inserted and deleted item to its root type and top-level key.

import * as Y from 'yjs'
import { fail, ok, type Result } from './result.js'

export interface Touch {
  /** Root type name, e.g. `cards`. */
  root: string
  /** The key in the root map the change sits under (e.g. a card id), or null for non-map roots. */
  key: string | null
}

type Resolved = Touch | 'gc' | 'unknown'

interface UpdateIndex {
  byClient: Map<number, (Y.Item | Y.GC)[]>
}

function indexUpdate(structs: readonly (Y.Item | Y.GC | Y.Skip)[]): UpdateIndex {
  const byClient = new Map<number, (Y.Item | Y.GC)[]>()
  for (const s of structs) {
    if (!(s instanceof Y.Item || s instanceof Y.GC)) continue
    const list = byClient.get(s.id.client) ?? []
    list.push(s)
    byClient.set(s.id.client, list)
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
  return { byClient }
}

function findInUpdate(index: UpdateIndex, id: Y.ID): Y.Item | Y.GC | null {
  const list = index.byClient.get(id.client)
  if (!list) return null
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const item = list[mid]!
    if (id.clock < item.id.clock) hi = mid - 1
    else if (id.clock >= item.id.clock + item.length) lo = mid + 1
    else return item
  }
  return null
}

/** The struct of `doc` holding `id`, or null when the document has never seen it. */
function findInDoc(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  const structs = doc.store.clients.get(id.client)
  if (!structs || structs.length === 0) return null
  const struct = structs[Y.findIndexSS(structs, id.clock)]
  return struct instanceof Y.Item || struct instanceof Y.GC ? struct : null
}

function rootOfDocItem(item: Y.Item): Resolved {
  let current: Y.Item = item
  for (;;) {
    const parent = current.parent
    if (!(parent instanceof Y.AbstractType)) return 'gc'
    const above = parent._item
    if (above === null) {
      try {
        return { root: Y.findRootTypeKey(parent), key: current.parentSub }
      } catch {
        return 'unknown'
      }
    }
    current = above
  }
}

function resolveDocId(doc: Y.Doc, id: Y.ID): Resolved {
  const struct = findInDoc(doc, id)
  if (struct === null) return 'unknown'
  if (struct instanceof Y.GC) return 'gc'
  return rootOfDocItem(struct)
}

/**
 * Every root (and top-level key) an update inserts into or deletes from, resolved against `doc` as it
 * is now. Fails on a malformed update, or one that refers to items `doc` has never seen (such an
 * update could be held back and later delete or extend something it cannot be checked against).
 */
export function touchesOfUpdate(doc: Y.Doc, update: Uint8Array): Result<Touch[]> {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch (e) {
    return fail(`malformed update: ${e instanceof Error ? e.message : String(e)}`)
  }
  const index = indexUpdate(decoded.structs)
  const memo = new Map<Y.Item, Resolved>()
  const resolving = new Set<Y.Item>()

  const resolveId = (id: Y.ID): Resolved => {
    const inUpdate = findInUpdate(index, id)
    if (inUpdate instanceof Y.GC) return 'gc'
    return inUpdate ? resolveItem(inUpdate) : resolveDocId(doc, id)
  }

  const resolveItem = (item: Y.Item): Resolved => {
    const known = memo.get(item)
    if (known !== undefined) return known
    if (resolving.has(item)) return 'unknown'
    resolving.add(item)
    let result: Resolved
    const parent = item.parent as unknown
    if (typeof parent === 'string') {
      result = { root: parent, key: item.parentSub }
    } else if (parent instanceof Y.ID) {
      result = resolveId(parent)
    } else if (item.origin !== null) {
      // Parent info is not encoded when the item has a neighbour: it shares its neighbour's parent.
      result = resolveId(item.origin)
    } else if (item.rightOrigin !== null) {
      result = resolveId(item.rightOrigin)
    } else {
      result = 'unknown'
    }
    resolving.delete(item)
    memo.set(item, result)
    return result
  }

  const touches = new Map<string, Touch>()
  const add = (r: Resolved): string | null => {
    if (r === 'gc') return null
    if (r === 'unknown') return 'the update refers to items this board does not have'
    touches.set(`${r.root}\u0000${r.key ?? ''}`, r)
    return null
  }

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    // Structs the document already has are skipped when applied: they change nothing.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue
    const error = add(resolveItem(struct))
    if (error) return fail(error)
  }

  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      let clock = range.clock
      const end = range.clock + range.len
      while (clock < end) {
        const id = Y.createID(client, clock)
        const inUpdate = findInUpdate(index, id)
        if (inUpdate) {
          const error = inUpdate instanceof Y.Item ? add(resolveItem(inUpdate)) : null
          if (error) return fail(error)
          clock = inUpdate.id.clock + inUpdate.length
          continue
        }
        const struct = findInDoc(doc, id)
        if (struct === null) return fail('the update deletes items this board does not have')
        // Deleting what is already deleted changes nothing (a reconnecting client resends its
        // whole delete set, including the server's own overwrites).
        if (struct instanceof Y.Item && !struct.deleted) {
          const error = add(rootOfDocItem(struct))
          if (error) return fail(error)
        }
        clock = struct.id.clock + struct.length
      }
    }
  }
  return ok([...touches.values()])
}
