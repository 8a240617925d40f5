// Tells which parts of a board document an incoming update would touch, before it is applied, so
// the server can refuse writes to data only it may write (decisions, membership) and to fields only it
// may set (a card's approved/declined status). A CRDT update cannot be taken back once applied, so
// this reads the encoded update itself (Y.decodeUpdate) and resolves every inserted and deleted item
// to its root type, its top-level key and the field of that record it sits in.

import * as Y from 'yjs'
import { fail, ok, type Result } from './result.js'

export interface Touch {
  /** Root type name, e.g. `cards`. */
  root: string
  /** The key in the root map the change sits under (e.g. a card id), or null for non-map roots. */
  key: string | null
  /** The field of that record the change sits in (e.g. `status`), or null for the record itself. */
  field: string | null
  /** Plain values the update sets directly on that field (e.g. `['approved']`). */
  values: unknown[]
  /** Whether the update deletes something here. */
  deletes: boolean
}

interface Place {
  root: string
  key: string | null
  field: string | null
  /** 1 = directly in the root, 2 = a field of a top-level record, … */
  depth: number
}

type Resolved = Place | 'gc' | 'unknown'

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

/** A child placed under a parent at `parent`: one level deeper, its field fixed at depth 2. */
function childOf(parent: Place, parentSub: string | null): Place {
  return {
    root: parent.root,
    key: parent.key,
    field: parent.depth === 1 ? parentSub : parent.field,
    depth: parent.depth + 1,
  }
}

function placeOfDocItem(item: Y.Item): Resolved {
  const chain: Y.Item[] = [item]
  let current: Y.Item = item
  for (;;) {
    const parent = current.parent
    if (!(parent instanceof Y.AbstractType)) return 'gc'
    const above = parent._item
    if (above === null) {
      let root: string
      try {
        root = Y.findRootTypeKey(parent)
      } catch {
        return 'unknown'
      }
      // chain runs from the item up to the top-level one; walk it back down.
      let place: Place = { root, key: current.parentSub, field: null, depth: 1 }
      for (let i = chain.length - 2; i >= 0; i--) place = childOf(place, chain[i]!.parentSub)
      return place
    }
    chain.push(above)
    current = above
  }
}

function placeOfDocId(doc: Y.Doc, id: Y.ID): Resolved {
  const struct = findInDoc(doc, id)
  if (struct === null) return 'unknown'
  if (struct instanceof Y.GC) return 'gc'
  return placeOfDocItem(struct)
}

/** The values an item puts in place, whatever content type encodes them (any, string, JSON, embed, …). */
function directValues(item: Y.Item): unknown[] {
  const content = item.content
  if (content instanceof Y.ContentDeleted || content instanceof Y.ContentType) return []
  return content.getContent()
}

/** An update decoded by `Y.decodeUpdate`: its structs and delete set. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/**
 * Every place an update (as bytes, or already decoded) inserts into or deletes from, resolved against `doc` as it is now. Fails on a
 * malformed update, or one that refers to items `doc` has never seen (such an update could be held
 * back and later delete or extend something it cannot be checked against).
 */
export function touchesOfUpdate(doc: Y.Doc, update: Uint8Array | DecodedUpdate): Result<Touch[]> {
  let decoded: DecodedUpdate
  try {
    decoded = update instanceof Uint8Array ? Y.decodeUpdate(update) : update
  } catch (e) {
    return fail(`malformed update: ${e instanceof Error ? e.message : String(e)}`)
  }
  const index = indexUpdate(decoded.structs)
  const memo = new Map<Y.Item, Resolved>()
  const resolving = new Set<Y.Item>()

  const placeOfId = (id: Y.ID): Resolved => {
    // What the document already has is resolved from the document, never from a copy in the update:
    // Yjs drops such copies when applying and links new items to the real ones.
    if (id.clock < Y.getState(doc.store, id.client)) return placeOfDocId(doc, id)
    const inUpdate = findInUpdate(index, id)
    if (inUpdate instanceof Y.GC) return 'gc'
    return inUpdate ? placeOfItem(inUpdate) : placeOfDocId(doc, id)
  }

  const placeOfItem = (item: Y.Item): Resolved => {
    const known = memo.get(item)
    if (known !== undefined) return known
    if (resolving.has(item)) return 'unknown'
    resolving.add(item)
    let result: Resolved
    const parent = item.parent as unknown
    if (typeof parent === 'string') {
      result = { root: parent, key: item.parentSub, field: null, depth: 1 }
    } else if (parent instanceof Y.ID) {
      // The parent is a type: the item that holds it resolves to the parent's own place.
      const holder = placeOfId(parent)
      result = typeof holder === 'string' ? holder : childOf(holder, item.parentSub)
    } else if (item.origin !== null) {
      // Parent info is not encoded when the item has a neighbour: it sits where its neighbour sits.
      result = placeOfId(item.origin)
    } else if (item.rightOrigin !== null) {
      result = placeOfId(item.rightOrigin)
    } else {
      result = 'unknown'
    }
    resolving.delete(item)
    memo.set(item, result)
    return result
  }

  const touches = new Map<string, Touch>()
  const add = (r: Resolved, values: unknown[], deletes: boolean): string | null => {
    if (r === 'gc') return null
    if (r === 'unknown') return 'the update refers to items this board does not have'
    const id = `${r.root}\u0000${r.key ?? ''}\u0000${r.field ?? ''}`
    const touch = touches.get(id) ?? { root: r.root, key: r.key, field: r.field, values: [], deletes: false }
    // Only values set on the field itself count as its new value, not values deeper inside it.
    if (r.depth === 2) touch.values.push(...values)
    touch.deletes ||= deletes
    touches.set(id, touch)
    return null
  }

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    // Structs the document already has are skipped when applied: they change nothing.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue
    const error = add(placeOfItem(struct), directValues(struct), false)
    if (error) return fail(error)
  }

  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      let clock = range.clock
      const end = range.clock + range.len
      while (clock < end) {
        const id = Y.createID(client, clock)
        const inUpdate = clock < Y.getState(doc.store, client) ? null : findInUpdate(index, id)
        if (inUpdate) {
          const error = inUpdate instanceof Y.Item ? add(placeOfItem(inUpdate), [], true) : null
          if (error) return fail(error)
          clock = inUpdate.id.clock + inUpdate.length
          continue
        }
        const struct = findInDoc(doc, id)
        if (struct === null) return fail('the update deletes items this board does not have')
        // Deleting what is already deleted changes nothing (a reconnecting client resends its
        // whole delete set, including the server's own overwrites).
        if (struct instanceof Y.Item && !struct.deleted) {
          const error = add(placeOfDocItem(struct), [], true)
          if (error) return fail(error)
        }
        clock = struct.id.clock + struct.length
      }
    }
  }
  return ok([...touches.values()])
}
