// Where a cold load's time goes, resolvable on a busy machine: `prepare DIR` writes the cold-load
// history once (a data dir with the log, and a copy compacted by a clean stop); `time DIR ROOT [N]`
// then loads that board N times, each in a fresh Node process (so JIT warm-up counts, as after a
// restart), with the built server under ROOT (e.g. a second worktree at main, for before/after), and
// prints the median time of `Room.load` and of encoding a fresh client's sync step 2.
//   node --conditions=source --import tsx bench/coldLoadParts.ts prepare /tmp/cold [updates]
//   node --conditions=source --import tsx bench/coldLoadParts.ts time /tmp/cold /work/main [N]

import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { percentiles } from './stats.js'

const ENV = { COMPACT_EVERY: '1000000' }

interface Prepared {
  boardId: string
  docBytes: number
}

async function prepare(dir: string, updates: number): Promise<void> {
  // Imported here: a load process must hold no Yjs but the server's own.
  const Y = await import('yjs')
  const { timeFullSync, writeHistory } = await import('./scenarios/coldLoad.js')
  const { freePort, ServerProcess } = await import('./serverProcess.js')
  const { Target } = await import('./target.js')
  mkdirSync(dir, { recursive: true })
  const port = await freePort()
  const server = new ServerProcess('tideboard', { dataDir: join(dir, 'log'), port, env: ENV })
  await server.start()
  const target = new Target(server)
  const board = await target.newBoard('Cold board')
  const writer = (await writeHistory(target, board, updates)) as InstanceType<typeof Y.Doc> & {
    provider: { destroy(): void }
  }
  const docBytes = Y.encodeStateAsUpdate(writer).length
  writer.provider.destroy()
  writer.destroy()
  // SIGKILL: no compaction, the log keeps every row.
  await server.kill()
  cpSync(join(dir, 'log'), join(dir, 'compacted'), { recursive: true })
  const compacting = new ServerProcess('tideboard', { dataDir: join(dir, 'compacted'), port, env: ENV })
  await compacting.start()
  await timeFullSync(new Target(compacting), board, docBytes)
  await compacting.stop('SIGTERM')
  const prepared: Prepared = { boardId: board.room, docBytes }
  writeFileSync(join(dir, 'board.json'), JSON.stringify(prepared))
  console.log(`prepared ${dir}: board ${board.room}, ${updates} updates, document ${docBytes} bytes`)
}

/** One load in this (fresh) process: `child DATA_DIR ROOT BOARD`. */
async function child(dataDir: string, root: string, boardId: string): Promise<void> {
  const dist = (file: string) => pathToFileURL(join(root, 'server/dist', file)).href
  const { openSqliteStorage } = await import(dist('storage/sqlite.js'))
  const { Room } = await import(dist('sync/room.js'))
  const { createMetrics } = await import(dist('metrics.js'))
  const { silentLogger } = await import(dist('log.js'))
  // The server's own Yjs (through its protocol module): a second copy of Yjs must not touch its documents.
  const { encodeSyncStep2 } = await import(dist('sync/protocol.js'))
  const storage = openSqliteStorage(join(dataDir, 'tideboard.db'))
  const deps = {
    storage,
    metrics: createMetrics(),
    logger: silentLogger,
    maxFrameBytes: 1 << 24,
    compactEvery: 1e9,
  }
  const started = performance.now()
  const room = await Room.load(boardId, deps)
  const loaded = performance.now()
  // What a fresh client's step 1 costs right after the load (the stored snapshot when it is reused).
  const cached = (room as unknown as { fullSync: Uint8Array | null }).fullSync
  const reply: Uint8Array = cached ?? encodeSyncStep2(room.doc, new Uint8Array([0]))
  const replied = performance.now()
  if (reply.length === 0) throw new Error('empty reply')
  console.log(JSON.stringify({ load: loaded - started, reply: replied - loaded }))
  room.destroy()
  await storage.close()
}

function time(dir: string, root: string, samples: number): void {
  const { boardId } = JSON.parse(readFileSync(join(dir, 'board.json'), 'utf8')) as Prepared
  for (const variant of ['log', 'compacted']) {
    const load: number[] = []
    const total: number[] = []
    for (let i = 0; i < samples; i++) {
      const copy = mkdtempSync(join(tmpdir(), 'tideboard-cold-parts-'))
      try {
        cpSync(join(dir, variant), copy, { recursive: true })
        const out = execFileSync(
          process.execPath,
          [...process.execArgv, process.argv[1] ?? '', 'child', copy, root, boardId],
          { encoding: 'utf8' },
        )
        const figures = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { load: number; reply: number }
        load.push(figures.load)
        total.push(figures.load + figures.reply)
      } finally {
        rmSync(copy, { recursive: true, force: true })
      }
    }
    const l = percentiles(load)
    const t = percentiles(total)
    console.log(
      `${variant.padEnd(9)} load p50 ${l.p50.toFixed(0)} ms, load + reply p50 ${t.p50.toFixed(0)} ms (min ${Math.min(...total).toFixed(0)}, max ${t.max.toFixed(0)}; ${samples} processes)`,
    )
  }
}

const [mode, dir, arg, extra] = process.argv.slice(2)
if (mode === 'prepare' && dir) await prepare(dir, Number(arg ?? 20_000))
else if (mode === 'time' && dir && arg) time(dir, arg, Number(extra ?? 8))
else if (mode === 'child' && dir && arg && extra) await child(dir, arg, extra)
else throw new Error('usage: coldLoadParts.ts prepare DIR [updates] | time DIR ROOT [samples]')
