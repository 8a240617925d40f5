import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type LogContext, type Logger, silentLogger } from '../log.js'
import { restoreDoc } from '../sync/restoreDoc.js'
import { createMemoryStorage } from './memory.js'
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

  it('compacts: the snapshot replaces the rows it covers and later rows stay', async () => {
    const storage = open(tempFile())
    const source = new Y.Doc()
    await storage.createBoard({ id: 'b1', title: 'One', createdAt: 'now' }, Y.encodeStateAsUpdate(source))
    await storage.appendUpdate('b1', textUpdate(source, 'a'))
    const upto = await storage.appendUpdate('b1', textUpdate(source, 'b'))
    const snapshot = Y.encodeStateAsUpdate(source)
    await storage.appendUpdate('b1', textUpdate(source, 'c'))
    await storage.compact('b1', snapshot, upto)
    const stored = await storage.loadDoc('b1')
    expect(stored.snapshotSeq).toBe(upto)
    expect(stored.updates).toHaveLength(1)
    expect(rebuild(stored).text).toBe('abc')
    // An older compaction finishing late never moves the snapshot backwards.
    await storage.compact('b1', new Uint8Array([0, 0]), upto - 1)
    expect(rebuild(await storage.loadDoc('b1')).text).toBe('abc')
  })

  it('keeps boards apart', async () => {
    const storage = open(tempFile())
    const a = new Y.Doc()
    const b = new Y.Doc()
    await storage.createBoard({ id: 'a', title: 'A', createdAt: 'now' }, Y.encodeStateAsUpdate(a))
    await storage.createBoard({ id: 'b', title: 'B', createdAt: 'now' }, Y.encodeStateAsUpdate(b))
    await storage.appendUpdate('a', textUpdate(a, 'x'))
    await storage.appendUpdate('b', textUpdate(b, 'y'))
    await storage.compact('a', Y.encodeStateAsUpdate(a), 10_000)
    expect(rebuild(await storage.loadDoc('b')).text).toBe('y')
    expect(rebuild(await storage.loadDoc('a')).text).toBe('x')
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

  // The same contract for both implementations: SQLite in production, memory in unit tests.
  describe.each([
    ['SQLite', () => open(tempFile())],
    ['memory', () => createMemoryStorage()],
  ])('%s: members, decisions and activity', (_name, make) => {
    it('keeps members and answers role changes and revocations', async () => {
      const storage = make()
      const member = {
        id: 'm1',
        boardId: 'b1',
        inviteId: 'i1',
        name: 'Dee',
        role: 'leader' as const,
        function: 'Sales',
        joinedAt: '2026-01-01T00:00:00.000Z',
        revokedAt: null,
      }
      await storage.createMember(member)
      await storage.createMember({ ...member, id: 'm2', boardId: 'b2' })
      expect(await storage.getMember('m1')).toEqual(member)
      expect(await storage.listMembers('b1')).toEqual([member])
      expect(await storage.updateMember('m1', 'member', null)).toBe(true)
      expect(await storage.getMember('m1')).toMatchObject({ role: 'member', function: null })
      expect(await storage.revokeMember('m1', 'later')).toBe(true)
      expect(await storage.revokeMember('m1', 'again')).toBe(false)
      expect(await storage.updateMember('m1', 'owner', null)).toBe(false)
      expect(await storage.getMember('m1')).toMatchObject({ role: 'member', revokedAt: 'later' })
      expect(await storage.getMember('nope')).toBeNull()
    })

    it('keeps the decision log in time order, per board and card', async () => {
      const storage = make()
      const decision = {
        id: 'd1',
        boardId: 'b1',
        cardId: 'c1',
        function: 'Sales',
        verdict: 'approve' as const,
        reason: '',
        by: 'm1',
        byName: 'Dee',
        at: '2026-01-01T00:00:02.000Z',
        fingerprint: 'f',
        round: 1,
      }
      await storage.appendDecision(decision)
      await storage.appendDecision({ ...decision, id: 'd0', at: '2026-01-01T00:00:01.000Z', cardId: 'c2' })
      await storage.appendDecision({ ...decision, id: 'dx', boardId: 'b2' })
      expect((await storage.listDecisions('b1')).map((d) => d.id)).toEqual(['d0', 'd1'])
      expect(await storage.listDecisions('b1', 'c1')).toEqual([decision])
    })

    it('lists activity newest first with filters and a cursor, and rewrites coalesced entries', async () => {
      const storage = make()
      const base = { boardId: 'b1', actorName: 'Mo', cardTitle: 'Card', action: { kind: 'created' as const } }
      const a = await storage.addActivity({
        ...base,
        at: '2026-01-01T00:00:01.000Z',
        actorId: 'mo',
        cardId: 'c1',
      })
      const b = await storage.addActivity({
        ...base,
        at: '2026-01-01T00:00:02.000Z',
        actorId: 'ana',
        cardId: 'c1',
      })
      const c = await storage.addActivity({
        ...base,
        at: '2026-01-01T00:00:02.000Z',
        actorId: 'mo',
        cardId: 'c2',
      })
      await storage.addActivity({
        ...base,
        boardId: 'b2',
        at: '2026-01-01T00:00:03.000Z',
        actorId: 'mo',
        cardId: 'c1',
      })
      const ids = async (query: Parameters<Storage['listActivity']>[1]) =>
        (await storage.listActivity('b1', query)).map((e) => e.id)
      expect(await ids({ limit: 10 })).toEqual([c, b, a])
      expect(await ids({ limit: 10, actorId: 'mo' })).toEqual([c, a])
      expect(await ids({ limit: 10, cardId: 'c1' })).toEqual([b, a])
      expect(await ids({ limit: 1 })).toEqual([c])
      expect(await ids({ limit: 10, before: { at: '2026-01-01T00:00:02.000Z', id: c } })).toEqual([b, a])
      expect((await storage.latestActivity('b1', 'c1'))?.id).toBe(b)
      await storage.updateActivity(a, {
        at: '2026-01-01T00:00:09.000Z',
        cardTitle: 'Renamed',
        action: { kind: 'edited', fields: ['title'] },
      })
      expect(await storage.getActivity('b1', a)).toMatchObject({
        cardTitle: 'Renamed',
        action: { kind: 'edited', fields: ['title'] },
      })
      expect(await ids({ limit: 10 })).toEqual([a, c, b])
      expect(await storage.getActivity('b2', a)).toBeNull()
    })
  })
})
