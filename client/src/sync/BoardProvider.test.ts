import { addCard, initBoard, readBoard } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardProvider } from './BoardProvider'

/** A socket that never opens: these tabs talk over the BroadcastChannel only. */
class NoSocket {
  binaryType = 'arraybuffer'
  close(): void {}
  send(): void {}
}

const open = (doc: Y.Doc, room: string) =>
  new BoardProvider('ws://127.0.0.1:9/sync', room, doc, {
    WebSocketPolyfill: NoSocket as unknown as typeof WebSocket,
  })

describe('BoardProvider', () => {
  it('brings a tab that connects what the other tabs of the browser hold, and their later edits', () => {
    const room = `room-${Math.random()}`
    const first = new Y.Doc()
    initBoard(first, { title: 'Shared plan' })
    addCard(first, { kind: 'initiative', title: 'Held by the first tab', stageId: 'acquire' })
    const a = open(first, room)

    const second = new Y.Doc()
    const b = open(second, room)
    expect(readBoard(second).cards.map((c) => c.title)).toEqual(['Held by the first tab'])

    addCard(second, { kind: 'initiative', title: 'Made in the second tab', stageId: 'acquire' })
    expect(
      readBoard(first)
        .cards.map((c) => c.title)
        .sort(),
    ).toEqual(['Held by the first tab', 'Made in the second tab'])
    a.destroy()
    b.destroy()
  })
})
