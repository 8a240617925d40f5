// One contract for every Storage: SQLite (the default), memory (unit tests) and PostgreSQL (several
// instances). The PostgreSQL run needs DATABASE_URL (CI sets it); each test gets a schema of its own.

import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../log.js'
import { createMetrics } from '../metrics.js'
import { loadStoredDoc, restoreDoc } from '../sync/restoreDoc.js'
import { withTruncatedSnapshot } from '../testing/damagedStorage.js'
import { matchesDigest } from './digest.js'
import { createMemoryStorage } from './memory.js'
import { openPostgresStorage } from './postgres.js'
import { MIGRATIONS, migrate } from './postgresSchema.js'
import { openSqliteStorage } from './sqlite.js'
import type { Storage, StoredDoc } from './storage.js'

const DATABASE_URL = process.env.DATABASE_URL
if (!DATABASE_URL) {
  console.warn('[storage contract] PostgreSQL run SKIPPED: DATABASE_URL is not set (CI sets it)')
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Opens a storage and, for the same data, a second handle: another process or instance. */
interface Backend {
  open(): Promise<{ storage: Storage; another(): Promise<Storage> }>
}

const sqlite: Backend = {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'tideboard-contract-'))
    const file = join(dir, 'tideboard.db')
    const handles: Storage[] = []
    const make = () => {
      const storage = openSqliteStorage(file)
      handles.push(storage)
      return storage
    }
    cleanups.push(async () => {
      for (const h of handles) await h.close()
      rmSync(dir, { recursive: true, force: true })
    })
    return { storage: make(), another: async () => make() }
  },
}

const memory: Backend = {
  async open() {
    const storage = createMemoryStorage()
    return { storage, another: async () => storage }
  },
}

export async function freshSchema(url: string): Promise<string> {
  const schema = `tb_test_${randomBytes(6).toString('hex')}`
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
  })
  return schema
}

const postgres = (url: string): Backend => ({
  async open() {
    const schema = await freshSchema(url)
    const handles: Storage[] = []
    const make = async () => {
      const storage = await openPostgresStorage({ connectionString: url, schema, max: 4 })
      handles.push(storage)
      return storage
    }
    // Registered after the schema drop, so it runs first.
    cleanups.push(async () => {
      for (const h of handles) await h.close()
    })
    return { storage: await make(), another: make }
  },
})

const backends: [string, Backend | null][] = [
  ['SQLite', sqlite],
  ['memory', memory],
  ['PostgreSQL', DATABASE_URL ? postgres(DATABASE_URL) : null],
]

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.getText('t').insert(doc.getText('t').length, text)
  return Y.encodeStateAsUpdate(doc, before)
}

function rebuild(stored: StoredDoc): string {
  const doc = new Y.Doc()
  restoreDoc(doc, stored, 'b1', silentLogger)
  return doc.getText('t').toString()
}

const board = (id: string) => ({ id, title: id.toUpperCase(), createdAt: '2026-01-01T00:00:00.000Z' })

describe.each(backends)('%s storage contract', (name, backend) => {
  const make = async () => {
    if (!backend) throw new Error('unreachable')
    return (await backend.open()).storage
  }
  if (!backend) {
    it.skip(`${name}: skipped, DATABASE_URL is not set`, () => {})
    return
  }

  it('appends updates and loads them back in order', async () => {
    const storage = await make()
    const source = new Y.Doc()
    await storage.createBoard(board('b1'), Y.encodeStateAsUpdate(source))
    const seqs = [
      await storage.appendUpdate('b1', textUpdate(source, 'a')),
      await storage.appendUpdate('b1', textUpdate(source, 'b')),
      await storage.appendUpdate('b1', textUpdate(source, 'c')),
    ]
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    expect(new Set(seqs).size).toBe(3)
    expect(await storage.getBoard('b1')).toEqual(board('b1'))
    expect(await storage.getBoard('nope')).toBeNull()
    expect(await storage.countBoards()).toBe(1)
    const stored = await storage.loadDoc('b1')
    expect(stored.updates.map((u) => u.seq)).toEqual(seqs)
    expect(rebuild(stored)).toBe('abc')
  })

  it('loads only what a reader lacks after a given sequence number', async () => {
    const storage = await make()
    const source = new Y.Doc()
    await storage.createBoard(board('b1'), Y.encodeStateAsUpdate(source))
    const first = await storage.appendUpdate('b1', textUpdate(source, 'a'))
    const second = await storage.appendUpdate('b1', textUpdate(source, 'b'))
    const since = await storage.loadDoc('b1', first)
    expect(since.snapshot).toBeNull()
    expect(since.updates.map((u) => u.seq)).toEqual([second])
    expect((await storage.loadDoc('b1', second)).updates).toEqual([])
    // Compacted past the reader: the snapshot comes back, since the rows it covers are gone.
    await storage.compact('b1', Y.encodeStateAsUpdate(source), second)
    const after = await storage.loadDoc('b1', first)
    expect(after.snapshot).not.toBeNull()
    expect(after.snapshotSeq).toBe(second)
  })

  it('compacts: the snapshot replaces the rows it covers and later rows stay', async () => {
    const storage = await make()
    const source = new Y.Doc()
    await storage.createBoard(board('b1'), Y.encodeStateAsUpdate(source))
    await storage.appendUpdate('b1', textUpdate(source, 'a'))
    const upto = await storage.appendUpdate('b1', textUpdate(source, 'b'))
    const snapshot = Y.encodeStateAsUpdate(source)
    await storage.appendUpdate('b1', textUpdate(source, 'c'))
    await storage.compact('b1', snapshot, upto)
    const stored = await storage.loadDoc('b1')
    expect(stored.snapshotSeq).toBe(upto)
    expect(stored.updates).toHaveLength(1)
    expect(rebuild(stored)).toBe('abc')
    // An older compaction finishing late never moves the snapshot backwards.
    await storage.compact('b1', new Uint8Array([0, 0]), upto - 1)
    expect(rebuild(await storage.loadDoc('b1'))).toBe('abc')
  })

  it('keeps the previous snapshot generation and its rows: a damaged newest snapshot falls back to them', async () => {
    const storage = await make()
    const source = new Y.Doc()
    await storage.createBoard(board('b1'), Y.encodeStateAsUpdate(source))
    expect(await storage.loadPreviousDoc('b1')).toBeNull()
    await storage.appendUpdate('b1', textUpdate(source, 'a'))
    const first = await storage.appendUpdate('b1', textUpdate(source, 'b'))
    await storage.compact('b1', Y.encodeStateAsUpdate(source), first)
    await storage.appendUpdate('b1', textUpdate(source, 'c'))
    const second = await storage.appendUpdate('b1', textUpdate(source, 'd'))
    await storage.compact('b1', Y.encodeStateAsUpdate(source), second)
    const last = await storage.appendUpdate('b1', textUpdate(source, 'e'))
    // The newest generation reads as before.
    const stored = await storage.loadDoc('b1')
    expect(stored.snapshotSeq).toBe(second)
    expect(stored.updates.map((u) => u.seq)).toEqual([last])
    // The previous one: the first compaction's snapshot and every row after it.
    const previous = await storage.loadPreviousDoc('b1')
    expect(previous?.snapshotSeq).toBe(first)
    expect(previous?.updates.at(-1)?.seq).toBe(last)
    expect(previous && rebuild(previous)).toBe('abcde')

    // The newest snapshot truncated on disk: the board is served whole, and the damage is reported.
    const damaged = withTruncatedSnapshot(storage)
    const metrics = createMetrics()
    const errors: string[] = []
    const logger = { ...silentLogger, error: (message: string) => void errors.push(message) }
    const restored = await loadStoredDoc(damaged, 'b1', logger, metrics)
    expect(restored.doc.getText('t').toString()).toBe('abcde')
    expect(restored.corrupt).toBe(1)
    expect(errors.join('\n')).toMatch(/corrupt snapshot: serving the previous snapshot/)
    expect(await metrics.registry.metrics()).toMatch(/tideboard_snapshot_fallbacks_total 1/)
  })

  it('records each snapshot generation’s SHA-256 with it, so a reader can check the bytes it got', async () => {
    const storage = await make()
    const source = new Y.Doc()
    await storage.createBoard(board('b1'), Y.encodeStateAsUpdate(source))
    const created = await storage.loadDoc('b1')
    expect(created.snapshot && matchesDigest(created.snapshot, created.snapshotDigest)).toBe(true)
    const seq = await storage.appendUpdate('b1', textUpdate(source, 'a'))
    await storage.compact('b1', Y.encodeStateAsUpdate(source), seq)
    const compacted = await storage.loadDoc('b1')
    expect(compacted.snapshotSeq).toBe(seq)
    const snapshot = compacted.snapshot ?? new Uint8Array()
    expect(matchesDigest(snapshot, compacted.snapshotDigest)).toBe(true)
    // Damaged bytes do not match: a byte short, or one byte changed.
    expect(matchesDigest(snapshot.subarray(0, snapshot.length - 1), compacted.snapshotDigest)).toBe(false)
    const flipped = Uint8Array.from(snapshot)
    flipped[flipped.length >> 1] = (flipped[flipped.length >> 1] ?? 0) ^ 1
    expect(matchesDigest(flipped, compacted.snapshotDigest)).toBe(false)
    // A reader that already has the snapshot gets neither it nor its digest.
    expect((await storage.loadDoc('b1', seq)).snapshotDigest ?? null).toBeNull()
    // The previous generation keeps its own digest.
    const previous = await storage.loadPreviousDoc('b1')
    expect(previous?.snapshot && matchesDigest(previous.snapshot, previous.snapshotDigest)).toBe(true)
    expect(previous?.snapshot && matchesDigest(previous.snapshot, compacted.snapshotDigest)).toBe(false)
  })

  it('never loses rows the compacting caller had not applied (another instance wrote them)', async () => {
    const { storage, another } = await backend.open()
    const other = await another()
    const mine = new Y.Doc()
    const theirs = new Y.Doc()
    await storage.createBoard(board('b1'), Y.encodeStateAsUpdate(mine))
    await storage.appendUpdate('b1', textUpdate(mine, 'mine '))
    // The other instance's row lands first in sequence order, but this one never applied it.
    const theirSeq = await other.appendUpdate('b1', Y.encodeStateAsUpdate(theirs, undefined))
    theirs.getMap('m').set('from', 'them')
    await other.appendUpdate('b1', Y.encodeStateAsUpdate(theirs))
    const upto = await storage.appendUpdate('b1', textUpdate(mine, 'more'))
    expect(upto).toBeGreaterThan(theirSeq)
    await storage.compact('b1', Y.encodeStateAsUpdate(mine), upto)
    const doc = new Y.Doc()
    restoreDoc(doc, await other.loadDoc('b1'), 'b1', silentLogger)
    expect(doc.getText('t').toString()).toBe('mine more')
    expect(doc.getMap('m').get('from')).toBe('them')
  })

  it('concurrent appends from two instances are neither lost nor duplicated', async () => {
    const { storage, another } = await backend.open()
    const other = await another()
    await storage.createBoard(board('b1'), Y.encodeStateAsUpdate(new Y.Doc()))
    const writers = [storage, other].map((s, w) =>
      Promise.all(
        Array.from({ length: 40 }, (_, i) => {
          const doc = new Y.Doc()
          doc.getMap('m').set(`w${w}-${i}`, i)
          return s.appendUpdate('b1', Y.encodeStateAsUpdate(doc))
        }),
      ),
    )
    const seqs = (await Promise.all(writers)).flat()
    expect(new Set(seqs).size).toBe(80)
    const stored = await storage.loadDoc('b1')
    expect(stored.updates.map((u) => u.seq)).toEqual([...seqs].sort((x, y) => x - y))
    const doc = new Y.Doc()
    restoreDoc(doc, stored, 'b1', silentLogger)
    expect(doc.getMap('m').size).toBe(80)
  })

  it('keeps boards apart', async () => {
    const storage = await make()
    const a = new Y.Doc()
    const b = new Y.Doc()
    await storage.createBoard(board('a'), Y.encodeStateAsUpdate(a))
    await storage.createBoard(board('b'), Y.encodeStateAsUpdate(b))
    await storage.appendUpdate('a', textUpdate(a, 'x'))
    await storage.appendUpdate('b', textUpdate(b, 'y'))
    await storage.compact('a', Y.encodeStateAsUpdate(a), 10_000)
    expect(rebuild(await storage.loadDoc('b'))).toBe('y')
    expect(rebuild(await storage.loadDoc('a'))).toBe('x')
    await expect(storage.createBoard(board('a'), Y.encodeStateAsUpdate(a))).rejects.toThrow()
  })

  it('records invites, revocation and meta; a meta value is created once', async () => {
    const storage = await make()
    const invite = {
      id: 'i1',
      boardId: 'b1',
      role: 'leader' as const,
      function: 'Sales',
      name: 'Dee',
      createdAt: '2026-01-01T00:00:00.000Z',
      revokedAt: null,
    }
    await storage.createInvite(invite)
    await storage.createInvite({ ...invite, id: 'i0', createdAt: '2025-12-31T00:00:00.000Z', name: null })
    expect((await storage.listInvites('b1')).map((i) => i.id)).toEqual(['i0', 'i1'])
    await storage.setMeta('k', 'v1')
    await storage.setMeta('k', 'v2')
    expect(await storage.revokeInvite('i1', 'later')).toBe(true)
    expect(await storage.revokeInvite('i1', 'again')).toBe(false)
    expect(await storage.getInvite('i1')).toMatchObject({
      role: 'leader',
      function: 'Sales',
      revokedAt: 'later',
    })
    expect(await storage.getInvite('nope')).toBeNull()
    expect(await storage.getMeta('k')).toBe('v2')
    expect(await storage.getMeta('none')).toBeNull()
    const claims = await Promise.all(['x', 'y', 'z'].map((v) => storage.getOrCreateMeta('once', v)))
    expect(new Set(claims).size).toBe(1)
    expect(await storage.getOrCreateMeta('once', 'w')).toBe(claims[0])
  })

  it('keeps members and answers role changes and revocations', async () => {
    const storage = await make()
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
    const storage = await make()
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

  it('keeps named versions per board: listed newest first without their state, fetched whole', async () => {
    const { storage, another } = await backend.open()
    const source = new Y.Doc()
    const first = textUpdate(source, 'before review')
    const version = (id: string, boardId: string, createdAt: string) => ({
      id,
      boardId,
      name: `Version ${id}`,
      createdAt,
      createdBy: 'm1',
      createdByName: 'Olivia Owner',
      cardCount: 3,
    })
    await storage.createVersion(version('v1', 'b1', '2026-01-01T00:00:01.000Z'), first)
    await storage.createVersion(
      { ...version('v2', 'b1', '2026-01-01T00:00:02.000Z'), cardCount: null },
      Y.encodeStateAsUpdate(source),
    )
    // Saved within the same millisecond: the later insertion is the newer one.
    await storage.createVersion(version('v3', 'b1', '2026-01-01T00:00:02.000Z'), first)
    await storage.createVersion(version('vx', 'b2', '2026-01-01T00:00:09.000Z'), first)
    await expect(storage.createVersion(version('v1', 'b1', 'later'), first)).rejects.toThrow()

    // Another instance (or the same data after a restart) sees the same.
    const other = await another()
    const listed = await other.listVersions('b1')
    expect(listed.map((v) => v.id)).toEqual(['v3', 'v2', 'v1'])
    expect(listed[1]).toEqual({ ...version('v2', 'b1', '2026-01-01T00:00:02.000Z'), cardCount: null })
    expect(listed[0]).not.toHaveProperty('state')
    expect(await other.listVersions('nope')).toEqual([])

    const stored = await other.getVersion('b1', 'v1')
    expect(stored?.version).toEqual(version('v1', 'b1', '2026-01-01T00:00:01.000Z'))
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored?.state ?? new Uint8Array())
    expect(doc.getText('t').toString()).toBe('before review')
    expect(await other.getVersion('b1', 'missing')).toBeNull()
    // A version is only found through its own board.
    expect(await other.getVersion('b2', 'v1')).toBeNull()
  })

  it('records the first owner of each Yjs client id per board, once, across instances and restarts', async () => {
    const { storage, another } = await backend.open()
    expect(await storage.claimClientIds('b1', [], 'alice')).toEqual(new Map())
    expect(await storage.claimClientIds('b1', [1, 2], 'alice')).toEqual(
      new Map([
        [1, 'alice'],
        [2, 'alice'],
      ]),
    )
    // A later claim of an owned id changes nothing and answers with the owner; new ids in it are claimed.
    expect(await storage.claimClientIds('b1', [2, 3], 'bob')).toEqual(
      new Map([
        [2, 'alice'],
        [3, 'bob'],
      ]),
    )
    // Client ids are per board, and the whole unsigned 32-bit range is kept exactly.
    expect(await storage.claimClientIds('b2', [1, 0xffffffff], 'bob')).toEqual(
      new Map([
        [1, 'bob'],
        [0xffffffff, 'bob'],
      ]),
    )
    // Another instance (or the same file after a restart) sees the same owners.
    const other = await another()
    expect(await other.claimClientIds('b1', [1, 3], 'carol')).toEqual(
      new Map([
        [1, 'alice'],
        [3, 'bob'],
      ]),
    )
    expect(await other.claimClientIds('b2', [0xffffffff], 'carol')).toEqual(new Map([[0xffffffff, 'bob']]))
    // Claims racing from two instances: exactly one owner wins, and both are told the same one.
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? storage : other).claimClientIds('b1', [42], `p${i}`),
      ),
    )
    expect(new Set(racing.map((owners) => owners.get(42))).size).toBe(1)
  })

  it('lists activity newest first with filters and a cursor, and rewrites coalesced entries', async () => {
    const storage = await make()
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

describe.skipIf(!DATABASE_URL)('PostgreSQL migrations', () => {
  it('run once when several instances start together, and again change nothing', async () => {
    const url = DATABASE_URL ?? ''
    const schema = await freshSchema(url)
    const opened = await Promise.all(
      [1, 2, 3].map(() => openPostgresStorage({ connectionString: url, schema, max: 2 })),
    )
    cleanups.push(async () => {
      for (const s of opened) await s.close()
    })
    const first = opened[0]
    if (!first || !('pool' in first)) throw new Error('no storage')
    const pool = (first as Awaited<ReturnType<typeof openPostgresStorage>>).pool
    const versions = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1')
    expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version))
    expect(await migrate(pool)).toEqual([])
  })
})
