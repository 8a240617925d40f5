import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from './board.js'
import { importBoardFile, parseBoardFile } from './boardFile.js'
import { addCard } from './ops/addCard.js'
import { deleteCard } from './ops/deleteCard.js'
import { addCheckIn, addKpi } from './ops/kpis.js'
import { moveCard } from './ops/moveCard.js'
import { updateCard } from './ops/updateCard.js'
import { SAMPLE_BOARD } from './sample.js'
import { diffBoards, isEmptyDiff } from './versionDiff.js'

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc()
  const file = parseBoardFile(SAMPLE_BOARD)
  if (!file.ok) throw new Error(file.error)
  importBoardFile(doc, file.value)
  return doc
}

describe('diffBoards', () => {
  it('finds nothing between two readings of the same board', () => {
    const doc = sampleDoc()
    expect(isEmptyDiff(diffBoards(readBoard(doc), readBoard(doc)))).toBe(true)
  })

  it('lists cards added, removed, moved, retitled and status changes', () => {
    const doc = sampleDoc()
    const before = readBoard(doc)
    const added = addCard(doc, { kind: 'initiative', title: 'Win-back campaign', stageId: 'retain' })
    deleteCard(doc, 'webinar')
    moveCard(doc, { cardId: 'quiet-period', toStageId: 'retain', index: 0 })
    updateCard(doc, 'seat-expansion', { status: 'proposed', title: 'Seat expansion playbook' })
    const diff = diffBoards(before, readBoard(doc))
    expect(diff.added).toEqual([
      { id: added.ok ? added.value : '', title: 'Win-back campaign', stageId: 'retain' },
    ])
    expect(diff.removed).toEqual([
      { id: 'webinar', title: 'Joint webinar with Sales for trial accounts', stageId: 'acquire' },
    ])
    expect(diff.moved).toEqual([
      {
        id: 'quiet-period',
        title: 'Quiet period after critical escalations',
        fromStageId: 'engage',
        toStageId: 'retain',
      },
    ])
    expect(diff.statusChanged).toEqual([
      { id: 'seat-expansion', title: 'Seat expansion playbook', from: 'idea', to: 'proposed' },
    ])
    expect(diff.retitled).toEqual([
      {
        id: 'seat-expansion',
        title: 'Seat expansion playbook',
        from: 'Seat expansion playbook for healthy accounts',
      },
    ])
  })

  it('lists KPI value changes (latest check-in) and KPIs added or removed', () => {
    const doc = sampleDoc()
    const before = readBoard(doc)
    addCheckIn(doc, 'nrr', '2026-11-01', 103)
    const k = addKpi(doc, { name: 'Referral trials', unit: '' })
    const diff = diffBoards(before, readBoard(doc))
    expect(diff.kpiValues).toEqual([{ id: 'nrr', name: 'Net revenue retention', from: 101, to: 103 }])
    expect(diff.kpisAdded).toEqual([{ id: k.ok ? k.value : '', title: 'Referral trials' }])
    expect(diffBoards(readBoard(doc), before).kpisRemoved).toEqual([
      { id: k.ok ? k.value : '', title: 'Referral trials' },
    ])
  })
})
