// The SQLite-to-PostgreSQL copy: everything a board set holds arrives, tokens issued under SQLite
// keep working against the copy, and a target that already holds boards is refused. Needs
// DATABASE_URL (CI sets it); the copy goes to a schema of its own.

import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readBoard } from '@tideboard/shared'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { authorize } from '../auth/access.js'
import { loadOrCreateSecret, loadOrCreateSharedSecret } from '../auth/secret.js'
import { createBoard } from '../boards/createBoard.js'
import { silentLogger } from '../log.js'
import { openPostgresStorage } from '../storage/postgres.js'
import { openSqliteStorage } from '../storage/sqlite.js'
import type { Storage } from '../storage/storage.js'
import { restoreDoc } from '../sync/restoreDoc.js'
import { copyToPostgres } from './copyToPostgres.js'

const DATABASE_URL = process.env.DATABASE_URL
if (!DATABASE_URL) console.warn('[copy to PostgreSQL] SKIPPED: DATABASE_URL is not set (CI sets it)')

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function docOf(storage: Storage, boardId: string) {
  const doc = new Y.Doc()
  restoreDoc(doc, await storage.loadDoc(boardId), boardId, silentLogger)
  return doc
}

describe.skipIf(!DATABASE_URL)('copying a board set from SQLite to PostgreSQL', () => {
  it('copies boards, logs, invites, members, decisions, activity, meta and the secret; refuses a second copy', async () => {
    const url = DATABASE_URL ?? ''
    const dir = mkdtempSync(join(tmpdir(), 'tideboard-copy-'))
    const schema = `tb_copy_${randomBytes(6).toString('hex')}`
    cleanups.push(async () => {
      rmSync(dir, { recursive: true, force: true })
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await client.end()
    })

    const secret = loadOrCreateSecret(dir)
    const sqlite = openSqliteStorage(join(dir, 'tideboard.db'))
    const made = await createBoard(sqlite, secret, { kind: 'new', title: 'FY27 plan' })
    const other = await createBoard(sqlite, secret, { kind: 'new', title: 'Second' })
    const edit = new Y.Doc()
    restoreDoc(edit, await sqlite.loadDoc(made.id), made.id, silentLogger)
    const before = Y.encodeStateVector(edit)
    edit.getMap('meta').set('description', 'compacted part')
    const compactedUpto = await sqlite.appendUpdate(made.id, Y.encodeStateAsUpdate(edit, before))
    await sqlite.compact(made.id, Y.encodeStateAsUpdate(edit), compactedUpto)
    const later = Y.encodeStateVector(edit)
    edit.getMap('extra').set('log', 'in the log')
    const lastSeq = await sqlite.appendUpdate(made.id, Y.encodeStateAsUpdate(edit, later))
    await sqlite.createMember({
      id: 'm1',
      boardId: made.id,
      inviteId: 'i-x',
      name: 'Dee',
      role: 'leader',
      function: 'Sales',
      joinedAt: '2026-01-01T00:00:00.000Z',
      revokedAt: null,
    })
    await sqlite.appendDecision({
      id: 'd1',
      boardId: made.id,
      cardId: 'c1',
      function: 'Sales',
      verdict: 'approve',
      reason: 'yes',
      by: 'm1',
      byName: 'Dee',
      at: '2026-01-02T00:00:00.000Z',
      fingerprint: 'f',
      round: 1,
    })
    const activityId = await sqlite.addActivity({
      boardId: made.id,
      at: '2026-01-02T00:00:00.000Z',
      actorId: 'm1',
      actorName: 'Dee',
      cardId: 'c1',
      cardTitle: 'Card',
      action: { kind: 'created' },
    })
    await sqlite.setMeta('sample_board_id', made.id)
    await sqlite.claimClientIds(made.id, [77], 'm1')
    await sqlite.createVersion(
      {
        id: 'v1',
        boardId: made.id,
        name: 'Before Q3 review',
        createdAt: '2026-01-02T00:00:00.000Z',
        createdBy: 'm1',
        createdByName: 'Dee',
        cardCount: 0,
      },
      Y.encodeStateAsUpdate(edit),
    )
    const expected = {
      invites: await sqlite.listInvites(made.id),
      members: await sqlite.listMembers(made.id),
      decisions: await sqlite.listDecisions(made.id),
      activity: await sqlite.listActivity(made.id, { limit: 10 }),
      versions: await sqlite.listVersions(made.id),
      version: await sqlite.getVersion(made.id, 'v1'),
      doc: Y.encodeStateAsUpdate(await docOf(sqlite, made.id)),
    }
    await sqlite.close()

    const copied = await copyToPostgres({ from: dir, to: url, schema })
    expect(copied).toEqual({
      ok: true,
      value: expect.objectContaining({
        boards: 2,
        snapshots: 2,
        // Compaction keeps the rows after the previous snapshot generation (its fallback).
        updates: 2,
        members: 1,
        decisions: 1,
        activity: 1,
        versions: 1,
      }),
    })

    const postgres = await openPostgresStorage({ connectionString: url, schema, max: 2 })
    cleanups.push(() => postgres.close())
    expect(await postgres.countBoards()).toBe(2)
    expect(await postgres.getBoard(other.id)).toMatchObject({ title: 'Second' })
    const stored = await postgres.loadDoc(made.id)
    expect(stored.snapshotSeq).toBe(compactedUpto)
    expect(stored.updates.map((u) => u.seq)).toEqual([lastSeq])
    const doc = await docOf(postgres, made.id)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(expected.doc)
    expect(readBoard(doc).meta.title).toBe('FY27 plan')
    expect(doc.getMap('extra').get('log')).toBe('in the log')
    expect(await postgres.listInvites(made.id)).toEqual(expected.invites)
    expect(await postgres.listMembers(made.id)).toEqual(expected.members)
    expect(await postgres.listDecisions(made.id)).toEqual(expected.decisions)
    expect(await postgres.listActivity(made.id, { limit: 10 })).toEqual(expected.activity)
    expect(await postgres.getMeta('sample_board_id')).toBe(made.id)
    expect(await postgres.listVersions(made.id)).toEqual(expected.versions)
    expect(await postgres.getVersion(made.id, 'v1')).toEqual(expected.version)
    // Who owns a Yjs client id came along: nobody else can take it over after the move.
    expect(await postgres.claimClientIds(made.id, [77], 'someone-else')).toEqual(new Map([[77, 'm1']]))
    // New rows continue after the copied ones.
    expect(await postgres.appendUpdate(made.id, new Uint8Array([0, 0]))).toBeGreaterThan(lastSeq)
    const next = await postgres.addActivity({
      boardId: made.id,
      at: '2026-01-03T00:00:00.000Z',
      actorId: 'm1',
      actorName: 'Dee',
      cardId: 'c1',
      cardTitle: 'Card',
      action: { kind: 'created' },
    })
    expect(next).toBeGreaterThan(activityId)
    // The secret came along: a link issued under SQLite still opens the board.
    expect(await loadOrCreateSharedSecret(postgres)).toEqual(secret)
    const access = await authorize(postgres, secret, made.id, made.invites.owner)
    expect(access.ok && access.value.role).toBe('owner')

    const again = await copyToPostgres({ from: dir, to: url, schema })
    expect(again.ok).toBe(false)
    if (!again.ok) expect(again.error).toMatch(/already holds 2 board\(s\); refusing/)
  })

  it('says so when there is nothing to copy', async () => {
    const result = await copyToPostgres({ from: join(tmpdir(), 'no-such-dir'), to: DATABASE_URL ?? '' })
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/no SQLite database at/) })
  })
})
