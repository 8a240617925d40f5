import { initBoard, readBoard } from '@tideboard/shared'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { trackEditorTyping } from '../richtext/editorUndo'
import { fakeConnection } from '../sync/fakeConnection'
import { type BoardSession, createBoardSession } from './boardSession'

/** Two browsers on one board, each update delivered to the other at once, as the server would. */
function twoBrowsers(): { a: BoardSession; b: BoardSession; docA: Y.Doc; docB: Y.Doc } {
  const docA = new Y.Doc()
  initBoard(docA, { title: 'Plan' })
  const docB = new Y.Doc()
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA))
  docA.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(docB, u, 'remote'),
  )
  docB.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(docA, u, 'remote'),
  )
  const a = createBoardSession(fakeConnection(docA), { role: 'member' })
  const b = createBoardSession(fakeConnection(docB), { role: 'member' })
  // As each browser's rich-text editor does when it opens.
  trackEditorTyping(a.actions)
  trackEditorTyping(b.actions)
  return { a, b, docA, docB }
}

/** Types into a field's first paragraph the way the editor binding writes: origin ySyncPluginKey. */
function typeInto(session: BoardSession, cardId: string, at: number, text: string): void {
  const binding = session.actions.richText(cardId, 'description')
  if (!binding) throw new Error('no description to type into')
  const { fragment } = binding
  fragment.doc!.transact(() => {
    if (fragment.length === 0) fragment.insert(0, [new Y.XmlElement('paragraph')])
    const paragraph = fragment.get(0) as Y.XmlElement
    if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText()])
    ;(paragraph.get(0) as Y.XmlText).insert(at, text)
  }, ySyncPluginKey)
}

const description = (doc: Y.Doc, id: string) => readBoard(doc).cards.find((c) => c.id === id)?.description

describe('undo across rich text', () => {
  it('undoes and redoes this user’s own typing, never a collaborator’s, in one stack with other edits', () => {
    const { a, b, docA, docB } = twoBrowsers()
    const added = a.actions.addCard('acquire', 'initiative', 'Shared card')
    if (!added.ok) throw new Error(added.error)
    const id = added.value

    typeInto(a, id, 0, 'Alice was here.')
    typeInto(b, id, 15, ' Bob too.')
    expect(description(docA, id)).toBe('Alice was here. Bob too.')
    expect(b.getSnapshot().canUndo).toBe(true)
    a.actions.moveCard(id, 'retain', 0)

    a.actions.undo()
    expect(readBoard(docA).cards.find((c) => c.id === id)?.stageId).toBe('acquire')
    expect(description(docA, id)).toBe('Alice was here. Bob too.')
    a.actions.undo()
    expect(description(docA, id)).toBe(' Bob too.')
    expect(description(docB, id)).toBe(' Bob too.')
    expect(readBoard(docB).cards.map((c) => c.id)).toEqual([id])

    a.actions.redo()
    expect(description(docA, id)).toBe('Alice was here. Bob too.')
    expect(description(docB, id)).toBe('Alice was here. Bob too.')

    b.actions.undo()
    expect(description(docA, id)).toBe('Alice was here.')
    expect(description(docB, id)).toBe('Alice was here.')
  })

  it('a collaborator’s typing alone gives this user nothing to undo', () => {
    const { a, b, docA } = twoBrowsers()
    const added = b.actions.addCard('acquire', 'initiative', 'Their card')
    if (!added.ok) throw new Error(added.error)
    typeInto(b, added.value, 0, 'Only theirs')
    expect(a.getSnapshot().canUndo).toBe(false)
    a.actions.undo()
    expect(description(docA, added.value)).toBe('Only theirs')
  })

  it('typing right after a move is a step of its own', () => {
    const { a, docA } = twoBrowsers()
    const added = a.actions.addCard('acquire', 'initiative', 'Card')
    if (!added.ok) throw new Error(added.error)
    a.actions.moveCard(added.value, 'retain', 0)
    typeInto(a, added.value, 0, 'Typed after moving')
    a.actions.undo()
    expect(description(docA, added.value)).toBe('')
    expect(readBoard(docA).cards[0]?.stageId).toBe('retain')
  })
})
