import {
  addCard,
  addPerson,
  approvalFingerprint,
  type Board,
  type DecisionRecord,
  initBoard,
  type Result,
  readBoard,
  updateCard,
  writeDecision,
} from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { approvalSentence, cardApprovals } from './cardApprovals'

function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error)
  return result.value
}

/** A board with one card owned by Sales and Customer Success, proposed. */
function proposedBet(): { doc: Y.Doc } {
  const doc = new Y.Doc()
  initBoard(doc, { title: 'Plan' })
  const sam = must(addPerson(doc, { name: 'Sam', function: 'Sales' }))
  const cora = must(addPerson(doc, { name: 'Cora', function: 'Customer Success' }))
  const id = must(addCard(doc, { stageId: readBoard(doc).stages[0]!.id, kind: 'initiative', title: 'Bet' }))
  must(updateCard(doc, id, { owners: { Sales: sam, 'Customer Success': cora }, status: 'proposed' }))
  return { doc }
}

function decide(doc: Y.Doc, board: Board, fn: string, verdict: 'approve' | 'decline', reason = ''): void {
  const card = board.cards[0]!
  const decision: DecisionRecord = {
    id: `${fn}-${verdict}`,
    cardId: card.id,
    function: fn,
    verdict,
    reason,
    by: 'm',
    byName: `${fn} lead`,
    at: new Date().toISOString(),
    fingerprint: approvalFingerprint(card),
    round: 0,
  }
  writeDecision(doc, decision, 'server')
}

/** The sign-off summary of the board's one card. */
const only = (board: Board) => cardApprovals(board)[board.cards[0]!.id]

describe('sign-offs shown on cards', () => {
  it('marks each function involved as waiting, approved or declined, with the decline reason', () => {
    const { doc } = proposedBet()
    expect(only(readBoard(doc))?.waitingOn).toEqual(['Customer Success', 'Sales'])
    decide(doc, readBoard(doc), 'Sales', 'approve')
    decide(doc, readBoard(doc), 'Customer Success', 'decline', 'Escalations open')
    const approval = only(readBoard(doc))!
    expect(approval.signOffs.map((s) => [s.function, s.verdict])).toEqual([
      ['Customer Success', 'decline'],
      ['Sales', 'approve'],
    ])
    expect(approvalSentence(approval)).toBe(
      'sign-offs Customer Success declined, Sales approved, declined by Customer Success: Escalations open',
    )
  })

  it('shows no waiting marks on an approved card whose decisions no longer match, but keeps a decline reason', () => {
    const { doc } = proposedBet()
    decide(doc, readBoard(doc), 'Customer Success', 'decline', 'Not now')
    updateCard(doc, readBoard(doc).cards[0]!.id, { status: 'declined' }, null, 'server')
    // The plan changes after the decline: the decision is stale, the reason still explains the status.
    updateCard(doc, readBoard(doc).cards[0]!.id, { title: 'Bet, reworked' })
    expect(only(readBoard(doc))).toEqual({
      open: false,
      signOffs: [],
      waitingOn: [],
      declines: [{ function: 'Customer Success', by: 'Customer Success lead', reason: 'Not now' }],
    })
    const approved = proposedBet()
    updateCard(approved.doc, readBoard(approved.doc).cards[0]!.id, { status: 'approved' }, null, 'server')
    expect(only(readBoard(approved.doc))).toBeUndefined()
  })
})
