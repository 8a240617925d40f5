import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from '../board.js'
import { MAX_TITLE_LENGTH } from '../records/card.js'
import { roots } from '../schema.js'
import { boardDoc } from '../testSupport/boardDoc.js'
import { addCard } from './addCard.js'

const now = new Date('2026-11-01T09:00:00Z')
const titlesIn = (doc: Y.Doc, stageId: string) => readBoard(doc).cardsByStage[stageId]!.map((c) => c.title)

describe('addCard', () => {
  test('adds an idea with a clean title, its creator and time, at the end of the stage', () => {
    const doc = boardDoc()
    addCard(doc, { kind: 'initiative', title: 'First', stageId: 'acquire', id: 'c1' })
    const added = addCard(doc, {
      kind: 'hypothesis',
      title: '  Second \n card ',
      stageId: 'acquire',
      id: 'c2',
      by: 'maya',
      now,
    })
    expect(added).toEqual({ ok: true, value: 'c2' })
    expect(titlesIn(doc, 'acquire')).toEqual(['First', 'Second card'])
    const card = readBoard(doc).cards.find((c) => c.id === 'c2')!
    expect(card).toMatchObject({
      kind: 'hypothesis',
      status: 'idea',
      createdBy: 'maya',
      createdAt: now.toISOString(),
      hypothesis: { impact: null, statement: '' },
    })
    expect(readBoard(doc).repairs).toEqual([])
  })

  test('an index puts the card in the middle; index 0 puts it first', () => {
    const doc = boardDoc()
    for (const title of ['A', 'B', 'C']) addCard(doc, { kind: 'initiative', title, stageId: 'engage' })
    addCard(doc, { kind: 'initiative', title: 'mid', stageId: 'engage', index: 2 })
    addCard(doc, { kind: 'initiative', title: 'top', stageId: 'engage', index: 0 })
    expect(titlesIn(doc, 'engage')).toEqual(['top', 'A', 'B', 'mid', 'C'])
  })

  test('generates an id when none is given', () => {
    const added = addCard(boardDoc(), { kind: 'initiative', title: 'x', stageId: 'acquire' })
    expect(added.ok && added.value.length > 0).toBe(true)
  })

  test.each([
    ['an empty title', { title: '   ' }, 'title must not be empty'],
    ['a too long title', { title: 'x'.repeat(MAX_TITLE_LENGTH + 1) }, `at most ${MAX_TITLE_LENGTH}`],
    ['a title that is not text', { title: 42 as unknown as string }, 'title must be a string'],
    ['an unknown stage', { stageId: 'nowhere' }, 'unknown stage nowhere'],
    ['a bad kind', { kind: 'epic' as 'initiative' }, 'kind must be one of initiative, hypothesis'],
    ['a negative index', { index: -1 }, 'index must be a non-negative integer'],
    ['a fractional index', { index: 1.5 }, 'index must be a non-negative integer'],
    ['an empty id', { id: '' }, 'id must not be empty'],
  ])('refuses %s and changes nothing', (_, override, message) => {
    const doc = boardDoc()
    const before = Y.encodeStateVector(doc)
    const result = addCard(doc, { kind: 'initiative', title: 'ok', stageId: 'acquire', ...override })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toContain(message)
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  test('refuses an id that is already taken', () => {
    const doc = boardDoc()
    addCard(doc, { kind: 'initiative', title: 'one', stageId: 'acquire', id: 'c1' })
    expect(addCard(doc, { kind: 'initiative', title: 'two', stageId: 'acquire', id: 'c1' })).toEqual({
      ok: false,
      error: 'card c1 already exists',
    })
  })

  test('accepts a default stage when the board has no stored stages, as readBoard shows the default funnel', () => {
    const doc = boardDoc()
    roots(doc).stages.clear()
    expect(addCard(doc, { kind: 'initiative', title: 'x', stageId: 'refer' }).ok).toBe(true)
    expect(titlesIn(doc, 'refer')).toEqual(['x'])
  })

  test('goes after cards that readBoard shows at the end of the first stage because their stage is unknown', () => {
    const doc = boardDoc()
    addCard(doc, { kind: 'initiative', title: 'orphan', stageId: 'acquire', id: 'o' })
    const orphan = roots(doc).cards.get('o') as Y.Map<unknown>
    orphan.set('position', { stageId: 'deleted-stage', order: 'a5' })
    addCard(doc, { kind: 'initiative', title: 'new', stageId: 'acquire' })
    expect(titlesIn(doc, 'acquire')).toEqual(['orphan', 'new'])
  })
})
