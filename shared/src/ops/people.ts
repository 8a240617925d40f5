// The board's people directory: add, edit and remove people, and team-defined functions. Removing a
// person also removes them as owner of any card, in the same transaction.

import * as Y from 'yjs'
import { DEFAULT_FUNCTIONS, functionColor } from '../records/person.js'
import { fail, ok, type Result } from '../result.js'
import { recordIn, roots, yRecord } from '../schema.js'
import { newId } from './newId.js'

export interface PersonInput {
  name: string
  function: string
}

function clean(input: Partial<PersonInput>): Result<Partial<PersonInput>> {
  const out: Partial<PersonInput> = {}
  if (input.name !== undefined) {
    const name = typeof input.name === 'string' ? input.name.replace(/\s+/g, ' ').trim() : ''
    if (name === '' || name.length > 80) return fail('a name must be 1–80 characters')
    out.name = name
  }
  if (input.function !== undefined) {
    const fn = typeof input.function === 'string' ? input.function.replace(/\s+/g, ' ').trim() : ''
    if (fn === '' || fn.length > 60) return fail('a function must be 1–60 characters')
    out.function = fn
  }
  return ok(out)
}

export function addPerson(
  doc: Y.Doc,
  input: PersonInput,
  origin: unknown = null,
  id: string = newId(),
): Result<string> {
  const cleaned = clean(input)
  if (!cleaned.ok) return cleaned
  const { name, function: fn } = cleaned.value as PersonInput
  const { people } = roots(doc)
  if (people.has(id)) return fail(`person ${id} already exists`)
  doc.transact(() => {
    people.set(id, yRecord({ name, function: fn, color: functionColor(fn) }))
  }, origin)
  return ok(id)
}

export function editPerson(
  doc: Y.Doc,
  id: string,
  input: Partial<PersonInput>,
  origin: unknown = null,
): Result<undefined> {
  const person = recordIn(roots(doc).people, id)
  if (!person) return fail(`unknown person ${id}`)
  const cleaned = clean(input)
  if (!cleaned.ok) return cleaned
  doc.transact(() => {
    if (cleaned.value.name !== undefined) person.set('name', cleaned.value.name)
    if (cleaned.value.function !== undefined) {
      person.set('function', cleaned.value.function)
      person.set('color', functionColor(cleaned.value.function))
    }
  }, origin)
  return ok(undefined)
}

export function removePerson(doc: Y.Doc, id: string, origin: unknown = null): Result<undefined> {
  const { people, cards } = roots(doc)
  if (!people.has(id)) return fail(`unknown person ${id}`)
  doc.transact(() => {
    people.delete(id)
    cards.forEach((card) => {
      if (!(card instanceof Y.Map)) return
      const owners = card.get('owners')
      if (!(owners instanceof Y.Map)) return
      for (const [fn, personId] of [...owners.entries()]) if (personId === id) owners.delete(fn)
    })
  }, origin)
  return ok(undefined)
}

/** Functions in use on the board: the defaults, the team's own, and any a person works in. */
export function boardFunctions(doc: Y.Doc): string[] {
  const { meta, people } = roots(doc)
  const custom = meta.get('functions')
  const out = new Set<string>(DEFAULT_FUNCTIONS)
  if (custom instanceof Y.Array)
    for (const f of custom.toArray()) if (typeof f === 'string' && f.trim()) out.add(f)
  people.forEach((p) => {
    if (p instanceof Y.Map && typeof p.get('function') === 'string') out.add(p.get('function') as string)
  })
  return [...out]
}

export function addFunction(doc: Y.Doc, name: string, origin: unknown = null): Result<undefined> {
  const fn = name.replace(/\s+/g, ' ').trim()
  if (fn === '' || fn.length > 60) return fail('a function must be 1–60 characters')
  if (boardFunctions(doc).some((f) => f.toLowerCase() === fn.toLowerCase()))
    return fail(`${fn} already exists`)
  const { meta } = roots(doc)
  doc.transact(() => {
    let list = meta.get('functions')
    if (!(list instanceof Y.Array)) {
      list = new Y.Array<string>()
      meta.set('functions', list)
    }
    ;(list as Y.Array<string>).push([fn])
  }, origin)
  return ok(undefined)
}
