import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../log.js'
import { createMetrics } from '../metrics.js'
import { createMemoryStorage } from '../storage/memory.js'
import type { Storage } from '../storage/storage.js'
import { isStorageOrigin } from './origin.js'
import { loadStoredDoc } from './restoreDoc.js'
import { Room } from './room.js'

// Counts the full decodes a load does (the careful path checks every part before applying it).
vi.mock('yjs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yjs')>()
  return { ...actual, decodeUpdate: vi.fn(actual.decodeUpdate) }
})

afterEach(() => {
  vi.mocked(Y.decodeUpdate).mockClear()
  vi.restoreAllMocks()
})

/** A board whose snapshot holds "abc" and whose log then types `rows` more characters. */
async function boardWithLog(rows: number): Promise<{ storage: Storage; writer: Y.Doc }> {
  const storage = createMemoryStorage()
  const writer = new Y.Doc()
  writer.getText('t').insert(0, 'abc')
  await storage.createBoard({ id: 'b1', title: 'B', createdAt: '2026-01-01' }, Y.encodeStateAsUpdate(writer))
  for (let i = 0; i < rows; i++) {
    const before = Y.encodeStateVector(writer)
    writer.getText('t').insert(writer.getText('t').length, String(i % 10))
    await storage.appendUpdate('b1', Y.encodeStateAsUpdate(writer, before))
  }
  return { storage, writer }
}

describe('loadStoredDoc', () => {
  it('applies intact storage in one pass, without decoding the snapshot or any row first', async () => {
    const { storage, writer } = await boardWithLog(50)
    const loaded = await loadStoredDoc(storage, 'b1', silentLogger)
    expect(loaded.doc.getText('t').toString()).toBe(writer.getText('t').toString())
    expect(loaded).toMatchObject({ rows: 50, corrupt: 0, onlySnapshot: null })
    expect(loaded.lastSeq).toBe((await storage.loadDoc('b1')).updates.at(-1)?.seq)
    expect(Y.decodeUpdate).not.toHaveBeenCalled()
  })

  it('hands back the stored snapshot when the board is that snapshot alone', async () => {
    const { storage } = await boardWithLog(0)
    const loaded = await loadStoredDoc(storage, 'b1', silentLogger)
    expect(loaded.onlySnapshot).toEqual((await storage.loadDoc('b1')).snapshot)
    expect(loaded.doc.getText('t').toString()).toBe('abc')
  })

  it('leaves no part of a row that failed half-way through applying (damaged delete set)', async () => {
    const { storage, writer } = await boardWithLog(3)
    // One transaction that inserts and deletes: its structs read fine, its delete set is cut short,
    // so applying it integrates the insertion before it throws.
    const before = Y.encodeStateVector(writer)
    writer.transact(() => {
      writer.getText('t').insert(0, 'X')
      writer.getText('t').delete(1, 1)
    })
    const full = Y.encodeStateAsUpdate(writer, before)
    const damaged = full.subarray(0, full.length - 1)
    expect(() => Y.applyUpdate(new Y.Doc(), damaged)).toThrow()
    const seq = await storage.appendUpdate('b1', damaged)

    const metrics = createMetrics()
    const loaded = await loadStoredDoc(storage, 'b1', silentLogger, metrics)
    expect(loaded.doc.getText('t').toString()).toBe('abc012')
    expect(loaded).toMatchObject({ rows: 4, corrupt: 1, lastSeq: seq, onlySnapshot: null })
    expect(await metrics.registry.metrics()).toMatch(/tideboard_storage_corrupt_total\{kind="row"\} 1/)
    // The careful path checked each part before applying it.
    expect(Y.decodeUpdate).toHaveBeenCalled()
  })
})

describe('Room.load', () => {
  it('builds the document before listening to it: the restored state is never encoded as an update', async () => {
    const { storage, writer } = await boardWithLog(20)
    const emit = vi.spyOn(Y.Doc.prototype, 'emit')
    const room = await Room.load('b1', {
      storage,
      metrics: createMetrics(),
      logger: silentLogger,
      maxFrameBytes: 1024 * 1024,
      compactEvery: 500,
    })
    try {
      expect(room.doc.getText('t').toString()).toBe(writer.getText('t').toString())
      const storageUpdates = emit.mock.calls.filter(
        ([name, args]) => name === 'update' && isStorageOrigin((args as unknown[])[1]),
      )
      expect(storageUpdates).toHaveLength(0)
      // The room does listen once loaded: the migration it wrote on load was stored.
      expect((await storage.loadDoc('b1')).updates).toHaveLength(21)
    } finally {
      room.destroy()
    }
  })
})
