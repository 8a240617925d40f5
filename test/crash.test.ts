// Durability under SIGKILL, and a damaged SQLite file: the server is killed at seeded random
// moments while clients edit, and rows of its database are overwritten with garbage; nothing any
// client had received may be lost, and a damaged board is never served (or stored) as empty.

import { addCard, readBoard } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { runCrashCycles } from './bench/crash.js'
import { seededRandom, seedFrom } from './bench/random.js'
import { ServerProcess } from './bench/serverProcess.js'
import { openDataDirDb } from './bench/sqliteFile.js'
import { type Client, connect, eventually, synced } from './support/yclient.js'

describe('SIGKILL at random moments', () => {
  it('keeps every frame any client had received from the server, deletions included, cycle after cycle', async () => {
    const seed = seedFrom('CRASH_SEED')
    const cycles = Number(process.env.CRASH_CYCLES ?? 5)
    console.log(`crash test: seed ${seed} (replay with CRASH_SEED=${seed}), ${cycles} cycles`)
    const report = await runCrashCycles({ cycles, seed })
    console.log(
      `crash test: ${report.framesChecked} received frames checked (${report.deletionsChecked} carrying deletions) over ${report.cycles} SIGKILL cycles in ${report.seconds.toFixed(1)} s; ${report.cards} cards on the board; ${report.missing.length} missing, ${report.lostDeletions.length} lost deletions`,
    )
    if (report.missing.length + report.lostDeletions.length > 0)
      console.log(`server output after the failing restart:\n${report.serverLog}`)
    expect(report.cycles).toBe(cycles)
    expect(report.framesChecked).toBeGreaterThan(cycles * 10)
    expect(report.deletionsChecked).toBeGreaterThan(0)
    expect(report.missing, `seed ${seed}`).toEqual([])
    expect(report.lostDeletions, `seed ${seed}`).toEqual([])
  })
})

describe('a damaged SQLite file', () => {
  const cardTitles = (client: Client) =>
    readBoard(client.doc)
      .cards.map((c) => c.title)
      .sort()

  /** A board with `count` cards, each added in its own update (one log row each). */
  async function boardWithCards(server: ServerProcess, count: number) {
    const res = await fetch(`${server.http}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Damaged board' }),
    })
    const board = (await res.json()) as { id: string; invites: { member: string; viewer: string } }
    const writer = connect(server.ws, board.id, board.invites.member)
    await synced(writer)
    for (let i = 1; i <= count; i++)
      addCard(writer.doc, { kind: 'initiative', title: `Card ${i}`, stageId: 'acquire' })
    const probe = connect(server.ws, board.id, board.invites.viewer)
    await synced(probe)
    await eventually(() => readBoard(probe.doc).cards.length === count, `server holds ${count} cards`)
    writer.destroy()
    probe.destroy()
    return board
  }

  async function freshClient(server: ServerProcess, boardId: string, token: string): Promise<Client> {
    const client = connect(server.ws, boardId, token)
    await synced(client)
    return client
  }

  it('skips a corrupt log row, serves everything else, and keeps the row for inspection', async () => {
    const server = new ServerProcess('tideboard', { env: { COMPACT_EVERY: '1000000', LOG_LEVEL: 'info' } })
    await server.start()
    try {
      const board = await boardWithCards(server, 10)
      await server.kill()
      const db = openDataDirDb(server.dataDir)
      const rows = db
        .prepare('SELECT seq, data FROM updates WHERE board_id = ? ORDER BY seq')
        .all(board.id) as { seq: number; data: Buffer }[]
      const snapshot = db.prepare('SELECT data FROM snapshots WHERE board_id = ?').get(board.id) as {
        data: Buffer
      }
      const damaged = rows.at(-3)!.seq
      db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(
        Buffer.from(seededRandom(7).bytes(48)),
        damaged,
      )
      db.close()
      // The last good state: the snapshot and every intact row. (A client's later rows need the
      // damaged one, whose items they follow, so Yjs holds them back: they stay on disk, unapplied.)
      const good = new Y.Doc()
      Y.applyUpdate(good, snapshot.data)
      for (const row of rows) if (row.seq !== damaged) Y.applyUpdate(good, row.data)
      const expected = readBoard(good)
        .cards.map((c) => c.title)
        .sort()
      expect(expected.length).toBeGreaterThan(0)

      await server.start()
      const fresh = await freshClient(server, board.id, board.invites.viewer)
      expect(readBoard(fresh.doc).stages.length).toBe(6)
      expect(cardTitles(fresh)).toEqual(expected)
      expect(server.log).toMatch(/corrupt update row skipped/)
      fresh.destroy()

      const editor = await freshClient(server, board.id, board.invites.member)
      addCard(editor.doc, { kind: 'initiative', title: 'After the damage', stageId: 'retain' })
      const probe = await freshClient(server, board.id, board.invites.viewer)
      await eventually(() => cardTitles(probe).includes('After the damage'), 'edit reached the server')
      editor.destroy()
      probe.destroy()
      expect(await server.stop('SIGTERM')).toBe(0)

      await server.start()
      const again = await freshClient(server, board.id, board.invites.viewer)
      expect(cardTitles(again)).toEqual([...expected, 'After the damage'].sort())
      again.destroy()
      const check = openDataDirDb(server.dataDir)
      expect(check.prepare('SELECT COUNT(*) AS n FROM updates WHERE seq = ?').get(damaged)).toEqual({ n: 1 })
      check.close()
    } finally {
      await server.dispose()
    }
  })

  it('reports a truncated snapshot and never stores a snapshot over it', async () => {
    const server = new ServerProcess('tideboard', { env: { LOG_LEVEL: 'info' } })
    await server.start()
    try {
      const board = await boardWithCards(server, 10)
      // A clean stop compacts the board: the snapshot holds everything, the log nothing.
      expect(await server.stop('SIGTERM')).toBe(0)
      const db = openDataDirDb(server.dataDir)
      const snapshot = db.prepare('SELECT data FROM snapshots WHERE board_id = ?').get(board.id) as {
        data: Buffer
      }
      const truncated = Buffer.from(snapshot.data.subarray(0, Math.floor(snapshot.data.length / 2)))
      db.prepare('UPDATE snapshots SET data = ? WHERE board_id = ?').run(truncated, board.id)
      db.close()

      await server.start()
      const fresh = connect(server.ws, board.id, board.invites.member)
      await Promise.race([synced(fresh), eventually(() => fresh.closes.length > 0, 'refused')])
      addCard(fresh.doc, { kind: 'initiative', title: 'Written on the damaged board', stageId: 'acquire' })
      await new Promise((resolve) => setTimeout(resolve, 300))
      fresh.destroy()
      expect(server.log).toMatch(/corrupt snapshot/)
      // A clean stop compacts every loaded board, but must not compact over the damaged snapshot.
      expect(await server.stop('SIGTERM')).toBe(0)
      const after = openDataDirDb(server.dataDir)
      const stored = after.prepare('SELECT data FROM snapshots WHERE board_id = ?').get(board.id) as {
        data: Buffer
      }
      after.close()
      expect(Buffer.compare(stored.data, truncated)).toBe(0)
    } finally {
      await server.dispose()
    }
  })

  it('serves a board whose snapshot is truncated from its last good state, not as an empty board', async () => {
    const server = new ServerProcess('tideboard', { env: { LOG_LEVEL: 'info' } })
    await server.start()
    try {
      const board = await boardWithCards(server, 10)
      // A clean stop compacts; compaction keeps the previous snapshot and the rows after it.
      expect(await server.stop('SIGTERM')).toBe(0)
      const db = openDataDirDb(server.dataDir)
      const snapshot = db.prepare('SELECT data FROM snapshots WHERE board_id = ?').get(board.id) as {
        data: Buffer
      }
      const truncated = Buffer.from(snapshot.data.subarray(0, Math.floor(snapshot.data.length / 2)))
      db.prepare('UPDATE snapshots SET data = ? WHERE board_id = ?').run(truncated, board.id)
      db.close()

      await server.start()
      const fresh = await freshClient(server, board.id, board.invites.member)
      expect(readBoard(fresh.doc).stages.length).toBe(6)
      expect(cardTitles(fresh)).toHaveLength(10)
      expect(server.log).toMatch(/corrupt snapshot: serving the previous snapshot/)
      const metrics = await (await fetch(`${server.http}/metrics`)).text()
      expect(metrics).toMatch(/tideboard_snapshot_fallbacks_total 1/)
      expect(metrics).toMatch(/tideboard_storage_corrupt_total\{kind="snapshot"\} 1/)
      addCard(fresh.doc, { kind: 'initiative', title: 'After the damage', stageId: 'acquire' })
      const probe = await freshClient(server, board.id, board.invites.viewer)
      await eventually(() => cardTitles(probe).includes('After the damage'), 'edit reached the server')
      fresh.destroy()
      probe.destroy()
      expect(await server.stop('SIGTERM')).toBe(0)

      await server.start()
      const again = await freshClient(server, board.id, board.invites.viewer)
      expect(cardTitles(again)).toHaveLength(11)
      again.destroy()
    } finally {
      await server.dispose()
    }
  })
})
