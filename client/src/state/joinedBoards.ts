// The boards this browser has joined through invite links, kept in localStorage so a board opened
// once can be reopened from the landing page (and offline) without the link.

import { ROLES, type Role } from '../api/boardsApi'

export interface JoinedBoard {
  id: string
  title: string
  role: Role
  token: string
  /** ISO time the board was last opened here. */
  lastOpened: string
  function?: string
}

const KEY = 'tideboard:boards'
const listeners = new Set<() => void>()

function read(): JoinedBoard[] {
  let raw: unknown
  try {
    raw = JSON.parse(localStorage.getItem(KEY) ?? '[]')
  } catch {
    return []
  }
  if (!Array.isArray(raw)) return []
  const out: JoinedBoard[] = []
  for (const item of raw) {
    if (item === null || typeof item !== 'object') continue
    const r = item as Record<string, unknown>
    const role = ROLES.find((x) => x === r.role)
    if (typeof r.id !== 'string' || typeof r.token !== 'string' || !role) continue
    const entry: JoinedBoard = {
      id: r.id,
      token: r.token,
      role,
      title: typeof r.title === 'string' && r.title !== '' ? r.title : 'Untitled board',
      lastOpened: typeof r.lastOpened === 'string' ? r.lastOpened : new Date(0).toISOString(),
    }
    if (typeof r.function === 'string') entry.function = r.function
    out.push(entry)
  }
  return out
}

function write(list: JoinedBoard[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list))
  } catch {
    // Storage full or disabled (private mode): the board still opens, it is just not remembered.
  }
  cached = null
  for (const l of listeners) l()
}

let cached: JoinedBoard[] | null = null

/** Joined boards, most recently opened first. Stable identity until the list changes. */
export function listJoinedBoards(): JoinedBoard[] {
  cached ??= read().sort((a, b) => b.lastOpened.localeCompare(a.lastOpened))
  return cached
}

export function findJoinedBoard(id: string): JoinedBoard | null {
  return listJoinedBoards().find((b) => b.id === id) ?? null
}

/** Adds or updates a board; fields not given keep their stored values. */
export function rememberBoard(entry: Partial<JoinedBoard> & { id: string; token: string }): void {
  const list = read()
  const existing = list.find((b) => b.id === entry.id)
  const next: JoinedBoard = {
    title: 'Untitled board',
    role: 'viewer',
    ...existing,
    ...entry,
    lastOpened: entry.lastOpened ?? new Date().toISOString(),
  }
  write([next, ...list.filter((b) => b.id !== entry.id)])
}

export function forgetBoard(id: string): void {
  write(read().filter((b) => b.id !== id))
}

export function subscribeJoinedBoards(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) {
      cached = null
      listener()
    }
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}
