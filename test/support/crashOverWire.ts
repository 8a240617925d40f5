// SIGKILL cycles that check what the server sent rather than what clients made of it: each sync
// step 2 and update frame a client receives is recorded as it came off the socket, and after every
// restart a fresh client must already hold all of them (deletions included). A client's own document
// events are no measure of that: with gc on, an item the server sent can land there deleted because
// of the client's own concurrent edit that the kill kept from being stored.

import { addCard, deleteCard, moveCard, readBoard } from '@tideboard/shared'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { type Random, seededRandom } from '../bench/random.js'
import { freePort, ServerProcess } from '../bench/serverProcess.js'
import { type Client, connect, synced } from './yclient.js'

export interface WireCrashReport {
  framesChecked: number
  /** Frames whose delete set was not empty. */
  deletionsChecked: number
  lost: { cycle: number; frame: string }[]
}

const STAGES = ['acquire', 'activate', 'engage', 'retain', 'expand', 'refer']
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function edit(doc: Y.Doc, random: Random, n: number): void {
  const cards = readBoard(doc).cards
  const roll = random.next()
  if (cards.length < 5 || roll < 0.4) {
    addCard(doc, { kind: 'initiative', title: `Card ${n}`, stageId: random.pick(STAGES) })
  } else if (roll < 0.65) {
    moveCard(doc, { cardId: random.pick(cards).id, toStageId: random.pick(STAGES), index: 0 })
  } else if (roll < 0.9) {
    const card = doc.getMap<unknown>('cards').get(random.pick(cards).id)
    if (card instanceof Y.Map) card.set('title', `Edited ${n}`)
  } else {
    deleteCard(doc, random.pick(cards).id)
  }
}

/** Records the Yjs payload of every sync step 2 and update frame the server sends this client. */
function recordFrames(client: Client, into: Uint8Array[]): void {
  const handlers = (client.provider as unknown as { messageHandlers: ((...args: unknown[]) => void)[] })
    .messageHandlers
  const original = handlers[0]
  if (!original) throw new Error('y-websocket has no sync message handler')
  handlers[0] = (encoder, decoder, ...rest) => {
    const peek = decoding.clone(decoder as decoding.Decoder)
    const type = decoding.readVarUint(peek)
    if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
      into.push(decoding.readVarUint8Array(peek).slice())
    }
    original(encoder, decoder, ...rest)
  }
}

/** True when applying `update` to the document `held` encodes would change it. */
function changes(held: Uint8Array, update: Uint8Array): boolean {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, held)
  const before = Y.snapshot(doc)
  Y.applyUpdate(doc, update)
  const changed = !Y.equalSnapshots(before, Y.snapshot(doc))
  doc.destroy()
  return changed
}

function describeFrame(update: Uint8Array): string {
  const meta = Y.parseUpdateMeta(update)
  const { ds } = Y.decodeUpdate(update)
  const structs = [...meta.to].map(([client, to]) => `${client}:${meta.from.get(client)}..${to}`)
  const deletes = [...ds.clients].map(
    ([client, items]) => `${client}:${items.map((d) => `${d.clock}+${d.len}`).join(',')}`,
  )
  return `structs ${structs.join(' ') || '-'}; deletes ${deletes.join(' ').slice(0, 200) || '-'}`
}

export async function crashWithWireRecording(cycles: number, seed: number): Promise<WireCrashReport> {
  const random = seededRandom(seed)
  const server = new ServerProcess('tideboard', { port: await freePort() })
  await server.start()
  const clients: Client[] = []
  const frames: Uint8Array[] = []
  const report: WireCrashReport = { framesChecked: 0, deletionsChecked: 0, lost: [] }
  let timer: NodeJS.Timeout | null = null
  try {
    const res = await fetch(`${server.http}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Crash board' }),
    })
    const board = (await res.json()) as { id: string; invites: { member: string; viewer: string } }
    for (let i = 0; i < 3; i++) {
      const client = connect(server.ws, board.id, board.invites.member)
      recordFrames(client, frames)
      clients.push(client)
    }
    await Promise.all(clients.map((c) => synced(c)))
    let n = 0
    timer = setInterval(() => {
      for (const c of clients) if (c.provider.wsconnected) edit(c.doc, random, n++)
    }, 4)
    let everything = Y.mergeUpdates([])
    for (let cycle = 1; cycle <= cycles; cycle++) {
      await Promise.all(clients.map((c) => synced(c, 20_000)))
      await sleep(100 + random.int(600))
      await server.kill()
      const received = frames.splice(0)
      await server.start()
      const fresh = connect(server.ws, board.id, board.invites.viewer)
      try {
        await synced(fresh, 20_000)
        const held = Y.encodeStateAsUpdate(fresh.doc)
        everything = Y.mergeUpdates([everything, ...received])
        if (changes(held, everything)) {
          for (const frame of received) {
            if (changes(held, frame)) report.lost.push({ cycle, frame: describeFrame(frame) })
          }
          if (report.lost.length === 0) report.lost.push({ cycle, frame: 'a frame of an earlier cycle' })
        }
        report.framesChecked += received.length
        report.deletionsChecked += received.filter((f) => Y.decodeUpdate(f).ds.clients.size > 0).length
      } finally {
        fresh.destroy()
      }
    }
  } finally {
    if (timer) clearInterval(timer)
    for (const c of clients) c.destroy()
    await server.dispose()
  }
  return report
}
