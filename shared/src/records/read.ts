// Small readers that turn whatever a Y.Map holds into the expected type, recording a repair when
// the stored value was wrong. Data comes from other clients and older versions: it is never trusted.

import * as Y from 'yjs'

export interface Repairs {
  /** Human-readable notes like `card c1.title: expected string, got number`. */
  readonly notes: string[]
}

export function newRepairs(): Repairs {
  return { notes: [] }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/**
 * A short, never-throwing rendering of a stored value for repair notes. JSON.stringify alone throws
 * on bigints, which any replica can write into a Y.Map.
 */
export function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`
  try {
    const text = JSON.stringify(value)
    if (text === undefined) return String(value)
    return text.length > 80 ? `${text.slice(0, 77)}...` : text
  } catch {
    return kindOf(value)
  }
}

export function note(repairs: Repairs, path: string, message: string): void {
  repairs.notes.push(`At ${path}: ${message}`)
}

export function readString(value: unknown, fallback: string, path: string, repairs: Repairs): string {
  if (typeof value === 'string') return value
  if (value === undefined) return fallback
  // Y.Text and similar shared types render as their text content.
  if (
    value !== null &&
    typeof value === 'object' &&
    'toJSON' in value &&
    typeof value.toJSON === 'function'
  ) {
    const json = (value as { toJSON(): unknown }).toJSON()
    if (typeof json === 'string') return json
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    note(repairs, path, `expected string, got ${kindOf(value)}`)
    return String(value)
  }
  note(repairs, path, `expected string, got ${kindOf(value)}`)
  return fallback
}

export function readNullableString(value: unknown, path: string, repairs: Repairs): string | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') return value === '' ? null : value
  note(repairs, path, `expected string or null, got ${kindOf(value)}`)
  return null
}

export function readEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  path: string,
  repairs: Repairs,
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  if (value !== undefined) note(repairs, path, `expected one of ${allowed.join(', ')}, got ${show(value)}`)
  return fallback
}

export function readNumber(value: unknown, path: string, repairs: Repairs): number | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    note(repairs, path, 'expected number, got a numeric string')
    return Number(value)
  }
  note(repairs, path, `expected number, got ${kindOf(value)}`)
  return null
}

/** An integer score clamped to [min, max]; anything unreadable becomes null. */
export function readScore(
  value: unknown,
  min: number,
  max: number,
  path: string,
  repairs: Repairs,
): number | null {
  const n = readNumber(value, path, repairs)
  if (n === null) return null
  const clamped = Math.min(max, Math.max(min, Math.round(n)))
  if (clamped !== n) note(repairs, path, `expected an integer ${min}–${max}, got ${n}`)
  return clamped
}

/** A list of distinct strings from a Y.Array, a plain array, or nothing. */
export function readStringList(value: unknown, path: string, repairs: Repairs): string[] {
  if (value === undefined || value === null) return []
  const raw =
    typeof value === 'object' && 'toArray' in value && typeof value.toArray === 'function'
      ? (value as { toArray(): unknown[] }).toArray()
      : Array.isArray(value)
        ? value
        : null
  if (raw === null) {
    note(repairs, path, `expected a list, got ${kindOf(value)}`)
    return []
  }
  const out: string[] = []
  for (const item of raw) {
    if (typeof item !== 'string' || item === '') {
      note(repairs, path, `dropped a non-string entry (${kindOf(item)})`)
      continue
    }
    if (!out.includes(item)) out.push(item)
  }
  return out
}

/**
 * Plain object view of a Y.Map or a JSON object; anything else is empty. A Y.Map is read one level
 * deep: nested shared types stay themselves, so rich text is read as rich text, never as its XML.
 */
export function readRecord(value: unknown, path: string, repairs: Repairs): Record<string, unknown> {
  if (value === undefined || value === null) return {}
  if (value instanceof Y.Map) {
    // No prototype, so a stored key like `__proto__` is just a key.
    const out: Record<string, unknown> = Object.create(null)
    value.forEach((v, key) => {
      out[key] = v
    })
    return out
  }
  if (typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
    const json = (value as { toJSON(): unknown }).toJSON()
    if (json !== null && typeof json === 'object' && !Array.isArray(json))
      return json as Record<string, unknown>
  } else if (typeof value === 'object' && !Array.isArray(value)) {
    return value as Record<string, unknown>
  }
  note(repairs, path, `expected an object, got ${kindOf(value)}`)
  return {}
}

export function readIsoDate(value: unknown, path: string, repairs: Repairs): string | null {
  if (value === undefined || value === null || value === '') return null
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) {
    return value
  }
  note(repairs, path, `expected an ISO date, got ${show(value)}`)
  return null
}
