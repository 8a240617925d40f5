import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type LogContext, type Logger, silentLogger } from '../log.js'
import { restoreDoc } from '../sync/restoreDoc.js'
import { matchesDigest } from './digest.js'
import { openSqliteStorage } from './sqlite.js'
import type { Storage } from './storage.js'

const dirs: string[] = []
const opened: Storage[] = []
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tideboard-sqlite-'))
  dirs.push(dir)
  return join(dir, 'tideboard.db')
}

function open(file: string): Storage {
  const storage = openSqliteStorage(file)
  opened.push(storage)
  return storage
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.getText('t').insert(doc.getText('t').length, text)
  return Y.encodeStateAsUpdate(doc, before)
}

function rebuild(stored: Awaited<ReturnType<Storage['loadDoc']>>, logger: Logger = silentLogger) {
  const doc = new Y.Doc()
  const restored = restoreDoc(doc, stored, 'b1', logger)
  return { text: doc.getText('t').toString(), restored }
}

describe('SQLite storage', () => {
  it('appends updates and loads them back in order, also after reopening the file', async () => {
    const file = tempFile()
    const storage = open(file)
    const source = new Y.Doc()
    await storage.createBoard(
      { id: 'b1', title: 'One', createdAt: '2026-01-01T00:00:00Z' },
      Y.encodeStateAsUpdate(source),
    )
    const seqs = [
      await storage.appendUpdate('b1', textUpdate(source, 'a')),
      await storage.appendUpdate('b1', textUpdate(source, 'b')),
      await storage.appendUpdate('b1', textUpdate(source, 'c')),
    ]
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    expect(rebuild(await storage.loadDoc('b1')).text).toBe('abc')
    await storage.close()

    const reopened = open(file)
    expect(await reopened.getBoard('b1')).toEqual({
      id: 'b1',
      title: 'One',
      createdAt: '2026-01-01T00:00:00Z',
    })
    expect(await reopened.countBoards()).toBe(1)
    const stored = await reopened.loadDoc('b1')
    expect(stored.updates.map((u) => u.seq)).toEqual(seqs)
    expect(rebuild(stored).text).toBe('abc')
  })

  it('skips and reports a corrupt row and serves the rest', async () => {
    const file = tempFile()
    const storage = open(file)
    const source = new Y.Doc()
    await storage.createBoard({ id: 'b1', title: 'One', createdAt: 'now' }, Y.encodeStateAsUpdate(source))
    await storage.appendUpdate('b1', textUpdate(source, 'a'))
    const raw = new Database(file)
    raw
      .prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)')
      .run('b1', Buffer.from([0xff, 0x01, 0x02]))
    raw.close()
    // Independent of the corrupt row: a concurrent edit by another replica.
    const other = new Y.Doc()
    other.getMap('m').set('k', 'v')
    await storage.appendUpdate('b1', Y.encodeStateAsUpdate(other))
    const logged: LogContext[] = []
    const logger: Logger = { ...silentLogger, error: (_m, ctx) => logged.push(ctx ?? {}) }
    const stored = await storage.loadDoc('b1')
    const doc = new Y.Doc()
    const restored = restoreDoc(doc, stored, 'b1', logger)
    expect(restored.corrupt).toBe(1)
    expect(logged).toHaveLength(1)
    expect(doc.getText('t').toString()).toBe('a')
    expect(doc.getMap('m').get('k')).toBe('v')
  })

  it('opens a file written before snapshot digests: its snapshot has none until the next compaction', async () => {
    const file = tempFile()
    const source = new Y.Doc()
    await open(file).createBoard({ id: 'b1', title: 'One', createdAt: 'now' }, Y.encodeStateAsUpdate(source))
    await opened.splice(0)[0]?.close()
    // The file as an earlier version left it: no digest columns.
    const raw = new Database(file)
    raw.exec('ALTER TABLE snapshots DROP COLUMN digest; ALTER TABLE snapshots DROP COLUMN prev_digest')
    // …and as a crash between adding the two would leave it: one of them back.
    raw.exec('ALTER TABLE snapshots ADD COLUMN digest BLOB')
    raw.close()
    const storage = open(file)
    const before = await storage.loadDoc('b1')
    expect(before.snapshot).not.toBeNull()
    expect(before.snapshotDigest ?? null).toBeNull()
    const seq = await storage.appendUpdate('b1', textUpdate(source, 'a'))
    await storage.compact('b1', Y.encodeStateAsUpdate(source), seq)
    const after = await storage.loadDoc('b1')
    expect(after.snapshot && matchesDigest(after.snapshot, after.snapshotDigest)).toBe(true)
  })

  it('a snapshot changed on disk no longer matches its digest', async () => {
    const file = tempFile()
    const storage = open(file)
    const source = new Y.Doc()
    source.getText('t').insert(0, 'hello')
    await storage.createBoard({ id: 'b1', title: 'One', createdAt: 'now' }, Y.encodeStateAsUpdate(source))
    const raw = new Database(file)
    const { data } = raw.prepare<[], { data: Buffer }>('SELECT data FROM snapshots').get() ?? {
      data: Buffer.alloc(0),
    }
    raw.prepare('UPDATE snapshots SET data = ?').run(data.subarray(0, data.length >> 1))
    raw.close()
    const stored = await storage.loadDoc('b1')
    expect(stored.snapshot?.length).toBe(data.length >> 1)
    expect(stored.snapshot && matchesDigest(stored.snapshot, stored.snapshotDigest)).toBe(false)
  })

  it('records invites, revocation and meta durably', async () => {
    const file = tempFile()
    const storage = open(file)
    await storage.createInvite({
      id: 'i1',
      boardId: 'b1',
      role: 'leader',
      function: 'Sales',
      name: 'Dee',
      createdAt: 'now',
      revokedAt: null,
    })
    await storage.setMeta('k', 'v1')
    await storage.setMeta('k', 'v2')
    expect(await storage.revokeInvite('i1', 'later')).toBe(true)
    expect(await storage.revokeInvite('i1', 'again')).toBe(false)
    await storage.close()
    const reopened = open(file)
    expect(await reopened.getInvite('i1')).toMatchObject({
      role: 'leader',
      function: 'Sales',
      revokedAt: 'later',
    })
    expect(await reopened.getInvite('nope')).toBeNull()
    expect(await reopened.getMeta('k')).toBe('v2')
  })

  it('runs in WAL mode', async () => {
    const file = tempFile()
    open(file)
    const raw = new Database(file, { readonly: true })
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    raw.close()
  })
})
