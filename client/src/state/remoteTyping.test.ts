// What keeps the board from re-rendering every card on each remote keystroke: the next snapshot keeps
// the identity of everything the keystroke did not touch, so memoised cards get the same props. The
// browser test in test/planning.browser.test.ts counts the actual renders.

import { importBoardFile, parseBoardFile, SAMPLE_BOARD, updateCard } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { itemsFromBoard } from '../board/stageItems'
import { fakeConnection } from '../sync/fakeConnection'
import { createBoardSession } from './boardSession'
import { replaceEqualDeep } from './replaceEqualDeep'

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc()
  const file = parseBoardFile(SAMPLE_BOARD)
  if (!file.ok) throw new Error(file.error)
  importBoardFile(doc, file.value)
  return doc
}

describe('a remote keystroke', () => {
  it('changes only the card it was typed into', () => {
    const local = sampleDoc()
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(local))
    remote.on('update', (update: Uint8Array) => Y.applyUpdate(local, update, 'remote'))
    const session = createBoardSession(fakeConnection(local), { role: 'member' })
    const before = session.getSnapshot()
    let notified = 0
    session.subscribe(() => notified++)

    let text = ''
    for (const ch of 'Hello') {
      text += ch
      updateCard(remote, 'onboarding', { description: text })
      const after = session.getSnapshot()
      expect(after.board.cards.find((c) => c.id === 'onboarding')?.description).toBe(text)
      for (const card of before.board.cards) {
        if (card.id === 'onboarding') continue
        expect(
          after.board.cards.find((c) => c.id === card.id),
          card.id,
        ).toBe(card)
      }
      expect(after.board.people).toBe(before.board.people)
      expect(after.board.kpis).toBe(before.board.kpis)
      expect(after.board.stages).toBe(before.board.stages)
      expect(after.functions).toBe(before.functions)
      // The funnel keeps the per-stage id lists it feeds to each SortableContext with this same
      // structural sharing (useStable): unchanged, they keep their identity.
      const prevItems = itemsFromBoard(before.board)
      expect(replaceEqualDeep(prevItems, itemsFromBoard(after.board))).toBe(prevItems)
    }
    expect(notified).toBe(5)
  })
})
