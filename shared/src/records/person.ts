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
