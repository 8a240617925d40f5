// SQLite group commit: the appends of one turn of the event loop are one transaction, durable (seen
// by another connection to the file) once they resolve, and a closed storage refuses new ones.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { openSqliteStorage } from './sqlite.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tideboard-group-commit-'))
  dirs.push(dir)
  return join(dir, 'tideboard.db')
}

it('commits the appends of one turn together: another connection sees none of them, then all', async () => {
  const file = tempFile()
  const storage = openSqliteStorage(file)
  const reader = new Database(file, { readonly: true })
  const count = () => (reader.prepare('SELECT COUNT(*) AS n FROM updates').get() as { n: number }).n
  try {
    const appends = Array.from({ length: 50 }, (_, i) =>
      storage.appendUpdate(i % 2 === 0 ? 'b1' : 'b2', new Uint8Array([0, 0, i])),
    )
    expect(count()).toBe(0)
    const seqs = await Promise.all(appends)
    expect(count()).toBe(50)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(new Set(seqs).size).toBe(50)
    expect((await storage.loadDoc('b1')).updates.map((u) => u.seq)).toEqual(
      seqs.filter((_, i) => i % 2 === 0),
    )
  } finally {
    reader.close()
    await storage.close()
  }
})

it('stores what was queued when it closes, and refuses appends after that', async () => {
  const file = tempFile()
  const storage = openSqliteStorage(file)
  const queued = storage.appendUpdate('b1', new Uint8Array([0, 0]))
  await storage.close()
  await expect(queued).resolves.toBeGreaterThan(0)
  await expect(storage.appendUpdate('b1', new Uint8Array([0, 0]))).rejects.toThrow(/closed/)
  const reader = new Database(file, { readonly: true })
  expect(reader.prepare('SELECT COUNT(*) AS n FROM updates').get()).toEqual({ n: 1 })
  reader.close()
})

it('fails a write alone: the others of its transaction are stored', async () => {
  const file = tempFile()
  const storage = openSqliteStorage(file)
  try {
    // Break one kind of write from outside: the activity table is gone.
    const other = new Database(file)
    other.exec('DROP TABLE activity')
    other.close()
    const entry = {
      boardId: 'b1',
      at: new Date().toISOString(),
      actorId: 'a',
      actorName: 'A',
      cardId: 'c',
      cardTitle: 'C',
      action: { kind: 'created' as const },
    }
    const [before, activity, after] = await Promise.allSettled([
      storage.appendUpdate('b1', new Uint8Array([0, 0])),
      storage.addActivity(entry),
      storage.appendUpdate('b1', new Uint8Array([0, 1])),
    ])
    expect(before.status).toBe('fulfilled')
    expect(activity).toMatchObject({ status: 'rejected', reason: { message: /no such table: activity/ } })
    expect(after.status).toBe('fulfilled')
    expect((await storage.loadDoc('b1')).updates).toHaveLength(2)
  } finally {
    await storage.close()
  }
})
