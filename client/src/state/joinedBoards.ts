// The boards this browser has joined through invite links, kept in localStorage so a board opened
// once can be reopened from the landing page (and offline) without the link. Once someone joins, the
// entry holds their personal token (and member id) instead of the invite link's token.

import { ROLES, type Role } from '../api/boardsApi'

export interface JoinedBoard {
  id: string
  title: string
  role: Role
  token: string
  /** ISO time the board was last opened here. */
  lastOpened: string
  function?: string
  /** Set once this browser joined as a person: `token` is then their personal token. */
  memberId?: string
  /** The name they joined with. */
  name?: string
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
    if (typeof r.memberId === 'string' && r.memberId !== '') entry.memberId = r.memberId
    if (typeof r.name === 'string' && r.name !== '') entry.name = r.name
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

/** Stores `entry` as this browser's access to its board, replacing (not merging) any earlier one. */
export function storeBoard(entry: Omit<JoinedBoard, 'lastOpened'> & { lastOpened?: string }): void {
  const list = read()
  write([
    { ...entry, lastOpened: entry.lastOpened ?? new Date().toISOString() },
    ...list.filter((b) => b.id !== entry.id),
  ])
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
