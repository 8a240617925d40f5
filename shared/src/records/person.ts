// A person on the board and the function they work in. Functions are open-ended: the five defaults
// plus any a team adds.

import { newRepairs, type Repairs, readString } from './read.js'

export const DEFAULT_FUNCTIONS = ['Marketing', 'Sales', 'Customer Success', 'Product', 'Support'] as const

export const FUNCTION_COLORS: Record<string, string> = {
  Marketing: '#d9480f',
  Sales: '#1971c2',
  'Customer Success': '#2f9e44',
  Product: '#7048e8',
  Support: '#c2255c',
}

/** A stable colour for any function name, default or team-defined. */
export function functionColor(fn: string): string {
  const known = FUNCTION_COLORS[fn]
  if (known) return known
  let hash = 0
  for (const ch of fn) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return `hsl(${hash % 360} 55% 42%)`
}

/**
 * Board order of functions: the five defaults in their usual order, then team-defined ones by name.
 * Owners are listed in this order everywhere, so every replica and every export shows them alike.
 */
export function compareFunctions(a: string, b: string): number {
  const rank = (fn: string) => {
    const i = (DEFAULT_FUNCTIONS as readonly string[]).indexOf(fn)
    return i === -1 ? DEFAULT_FUNCTIONS.length : i
  }
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
}

export interface Person {
  id: string
  name: string
  function: string
  color: string
}

export function readPerson(
  id: string,
  raw: Record<string, unknown>,
  repairs: Repairs = newRepairs(),
): Person {
  const path = `person ${id}`
  const fn = readString(raw.function, 'Unassigned', `${path}.function`, repairs).trim() || 'Unassigned'
  return {
    id,
    name: readString(raw.name, 'Unnamed', `${path}.name`, repairs).trim() || 'Unnamed',
    function: fn,
    color: readString(raw.color, functionColor(fn), `${path}.color`, repairs),
  }
}
