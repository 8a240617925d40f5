// Cold load: a board whose update log holds N rows (and the same board after compaction); the
// server is restarted before every sample and a fresh client's full sync is timed. The reference
// server keeps nothing across a restart, so for it (and for Tideboard too) the warm figure is a
// fresh client's full sync of the same document while the server has it in memory.

import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { now } from '../protocol.js'
import type { ServerKind } from '../serverProcess.js'
import { countLogRows } from '../sqliteFile.js'
import { percentiles } from '../stats.js'
import { type BoardRef, Target } from '../target.js'

export interface ColdLoadOptions {
  updates: number
  samples: number
}

export interface ColdLoadFigures {
  warmP95: number
  warmP50: number
  logP95: number | null
  logP50: number | null
  compactedP95: number | null
  compactedP50: number | null
  logRows: number | null
  docBytes: number
}

function open(target: Target, board: BoardRef, doc = new Y.Doc()) {
  return new WebsocketProvider(target.wsBase, board.room, doc, {
    params: board.token === null ? {} : { token: board.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
}

function whenSynced(provider: WebsocketProvider, timeoutMs = 30_000): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no sync')), timeoutMs)
    provider.on('sync', (synced: boolean) => {
      if (!synced) return
      clearTimeout(timer)
      resolve()
    })
  })
}

/** A fresh client's full sync, from creating the provider to its first `sync`. */
export async function timeFullSync(target: Target, board: BoardRef, expectBytes: number): Promise<number> {
  const doc = new Y.Doc()
  const started = now()
  const provider = open(target, board, doc)
  try {
    await whenSynced(provider)
    const took = now() - started
    const size = Y.encodeStateAsUpdate(doc).length
    if (size < expectBytes * 0.9)
      throw new Error(`fresh client got ${size} bytes, expected about ${expectBytes}`)
    return took
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

/** Writes `count` small updates as a team would: new cards, typing in descriptions, title edits. */
export async function writeHistory(target: Target, board: BoardRef, count: number): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const provider = open(target, board, doc)
  await whenSynced(provider)
  const cards = doc.getMap<unknown>('cards')
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const pick = i % 10
    if (ids.length === 0 || pick === 0) {
      const card = new Y.Map<unknown>()
      card.set('kind', 'hypothesis')
      card.set('title', `Experiment ${i}`)
      card.set('position', { stageId: 'engage', order: `a${i}` })
      card.set('status', 'idea')
      card.set('description', new Y.Text())
      const id = `cold-${i}`
      cards.set(id, card)
      ids.push(id)
    } else {
      const card = cards.get(ids[i % ids.length]!) as Y.Map<unknown>
      if (pick < 7) {
        const text = card.get('description') as Y.Text
        text.insert(text.length, 'x')
      } else {
        card.set('title', `Experiment ${i}`)
      }
    }
    // Let the socket drain now and then so the server sees a steady stream, not one burst.
    if (i % 500 === 499) await new Promise((resolve) => setTimeout(resolve, 5))
  }
  // Wait until a second client sees everything the writer wrote.
  const want = Y.encodeStateVector(doc)
  const probeDoc = new Y.Doc()
  const probe = open(target, board, probeDoc)
  const deadline = Date.now() + 300_000
  for (;;) {
    // The server may take a while to work through the burst before it answers a new client.
    await whenSynced(probe, 300_000)
    const have = Y.encodeStateVector(probeDoc)
    if (Buffer.compare(Buffer.from(have), Buffer.from(want)) === 0) break
    if (Date.now() > deadline) throw new Error('server did not receive the whole history')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  probe.destroy()
  probeDoc.destroy()
  // The writer stays connected (the reference server forgets a room's document only on restart).
  return Object.assign(doc, { provider })
}

export async function runColdLoad(
  kind: ServerKind,
  options: ColdLoadOptions,
  log: (line: string) => void,
): Promise<ColdLoadFigures> {
  // No compaction while the history is written, so the log really holds every update.
  const target = await Target.start(kind, { env: { COMPACT_EVERY: '1000000' } })
  try {
    const board = await target.newBoard('Cold board')
    const started = now()
    const writer = (await writeHistory(target, board, options.updates)) as Y.Doc & {
      provider: WebsocketProvider
    }
    const docBytes = Y.encodeStateAsUpdate(writer).length
    log(
      `  ${kind}: ${options.updates} updates written in ${((now() - started) / 1000).toFixed(1)} s (doc ${docBytes} bytes)`,
    )
    const warm: number[] = []
    for (let i = 0; i < options.samples; i++) warm.push(await timeFullSync(target, board, docBytes))
    writer.provider.destroy()
    writer.destroy()
    const figures: ColdLoadFigures = {
      warmP95: percentiles(warm).p95,
      warmP50: percentiles(warm).p50,
      logP95: null,
      logP50: null,
      compactedP95: null,
      compactedP50: null,
      logRows: null,
      docBytes,
    }
    if (kind !== 'tideboard') return figures

    // SIGKILL skips the compaction a clean shutdown does: the log keeps its rows.
    const cold: number[] = []
    for (let i = 0; i < options.samples; i++) {
      await target.server.kill()
      await target.server.start()
      cold.push(await timeFullSync(target, board, docBytes))
    }
    figures.logRows = countLogRows(target.server.dataDir, board.room)
    // A clean stop compacts the loaded board into a snapshot.
    await target.server.stop('SIGTERM')
    await target.server.start()
    await timeFullSync(target, board, docBytes)
    await target.server.stop('SIGTERM')
    const compacted: number[] = []
    for (let i = 0; i < options.samples; i++) {
      await target.server.start()
      compacted.push(await timeFullSync(target, board, docBytes))
      await target.server.kill()
    }
    figures.logP95 = percentiles(cold).p95
    figures.logP50 = percentiles(cold).p50
    figures.compactedP95 = percentiles(compacted).p95
    figures.compactedP50 = percentiles(compacted).p50
    log(
      `  ${kind}: log of ${figures.logRows} rows; cold p95 ${figures.logP95.toFixed(1)} ms, compacted p95 ${figures.compactedP95.toFixed(1)} ms`,
    )
    return figures
  } finally {
    await target.dispose()
  }
}
