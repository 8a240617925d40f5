import {
  addCard,
  addCheckIn,
  addKpi,
  deleteCard,
  diffBoards,
  editCard,
  initBoard,
  moveCard,
  readBoard,
  updateCard,
} from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { changeLines } from './changeLines'

function board() {
  const doc = new Y.Doc()
  initBoard(doc, { title: 'Plan' })
  addKpi(doc, { name: 'NRR', unit: '%' }, null, 'k1')
  addCheckIn(doc, 'k1', '2026-10-01', 101)
  addKpi(doc, { name: 'Signups', unit: 'accounts' }, null, 'k2')
  addCard(doc, { kind: 'initiative', title: 'Webinars', stageId: 'acquire', id: 'c1' })
  addCard(doc, { kind: 'initiative', title: 'Quiet period', stageId: 'engage', id: 'c2' })
  addCard(doc, { kind: 'initiative', title: 'Old idea', stageId: 'refer', id: 'c3' })
  return doc
}

describe('changeLines', () => {
  it('says what changed since a version in words, with titles, stage names, statuses and units', () => {
    const doc = board()
    const saved = readBoard(doc)
    moveCard(doc, { cardId: 'c1', toStageId: 'activate', index: 0 })
    updateCard(doc, 'c2', { status: 'archived' })
    editCard(doc, 'c2', { title: 'Quiet period (EMEA)' })
    deleteCard(doc, 'c3')
    addCard(doc, { kind: 'initiative', title: 'Referral bonus', stageId: 'expand', id: 'c4' })
    addCheckIn(doc, 'k1', '2026-11-01', 104)
    addCheckIn(doc, 'k2', '2026-11-01', 40)
    addKpi(doc, { name: 'Activation' }, null, 'k3')
    const live = readBoard(doc)
    expect(changeLines(diffBoards(saved, live), saved, live).map((l) => `${l.kind}: ${l.text}`)).toEqual([
      'Added: “Referral bonus” in Expand',
      'Removed: “Old idea” from Refer',
      'Moved: “Webinars” Acquire → Activate',
      'Status: “Quiet period (EMEA)” Idea → Archived',
      'Renamed: “Quiet period” → “Quiet period (EMEA)”',
      'KPI value: NRR 101% → 104%',
      'KPI value: Signups no value → 40 accounts',
      'KPI added: Activation',
    ])
  })

  it('has nothing to say when nothing changed', () => {
    const saved = readBoard(board())
    expect(changeLines(diffBoards(saved, saved), saved, saved)).toEqual([])
  })
})
