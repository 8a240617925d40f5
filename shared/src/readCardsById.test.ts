import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoard, readCardsById } from './board.js'
import { importBoardFile, parseBoardFile } from './boardFile.js'
import { SAMPLE_BOARD } from './sample.js'
import { roots } from './schema.js'

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc()
  const file = parseBoardFile(SAMPLE_BOARD)
  if (!file.ok) throw new Error(file.error)
  importBoardFile(doc, file.value)
  return doc
}

describe('readCardsById', () => {
  it('reads cards exactly as readBoard does, repairs included', () => {
    const doc = sampleDoc()
    const r = roots(doc)
    // Break references the way older versions or misbehaving clients could.
    r.people.delete('diego')
    r.kpis.delete('churn')
    ;(r.cards.get('webinar') as Y.Map<unknown>).set('position', { stageId: 'gone', order: 'a0' })
    ;(r.cards.get('referral') as Y.Map<unknown>).set('parentId', 'checklist')
    ;(r.cards.get('seat-expansion') as Y.Map<unknown>).set('status', 42)
    r.cards.set('junk', 'not a card')
    const board = readBoard(doc)
    const ids = [...r.cards.keys()]
    const partial = readCardsById(doc, ids)
    expect(partial.has('junk')).toBe(false)
    for (const card of board.cards) expect(partial.get(card.id)).toEqual(card)
    expect(partial.size).toBe(board.cards.length)
  })

  it('agrees with readBoard on stages that are unreadable, missing or all gone', () => {
    const sameAsBoard = (doc: Y.Doc) => {
      const board = readBoard(doc)
      const partial = readCardsById(doc, [...roots(doc).cards.keys()])
      for (const card of board.cards) expect(partial.get(card.id)).toEqual(card)
    }
    const doc = sampleDoc()
    const r = roots(doc)
    const [first, second] = [...r.stages.keys()]
    // A stage with an unknown phase is skipped by readBoard, so its cards move to the first stage.
    ;(r.stages.get(first!) as Y.Map<unknown>).set('phase', 'nowhere')
    r.stages.set(second!, 'not a stage')
    sameAsBoard(doc)
    // No readable stage at all: readBoard shows the default funnel, and a card placed in one of its
    // stages stays there.
    for (const id of [...r.stages.keys()]) r.stages.set(id, 'not a stage')
    const defaults = readBoard(doc).stages
    ;(r.cards.get('webinar') as Y.Map<unknown>).set('position', { stageId: defaults[2]!.id, order: 'a0' })
    sameAsBoard(doc)
    expect(readCardsById(doc, ['webinar']).get('webinar')?.stageId).toBe(defaults[2]!.id)
  })

  it('reads only the cards asked for, each once', () => {
    const doc = sampleDoc()
    const partial = readCardsById(doc, ['checklist', 'onboarding', 'checklist', 'missing'])
    expect([...partial.keys()]).toEqual(['checklist', 'onboarding'])
    expect(partial.get('checklist')?.parentId).toBe('onboarding')
  })
})
