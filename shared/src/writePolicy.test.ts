import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { touchesOfUpdate } from './guard.js'
import { addCard } from './ops/addCard.js'
import { initBoard } from './ops/initBoard.js'
import { updateCard } from './ops/updateCard.js'
import type { Role } from './records/member.js'
import { roots } from './schema.js'
import { checkClientWrite } from './writePolicy.js'

/** A server doc and a synced client; `attempt` runs an edit on the client and checks it as `role`. */
function board() {
  const server = new Y.Doc()
  initBoard(server, { title: 'Plan' })
  const card = addCard(server, { kind: 'hypothesis', title: 'Bet', stageId: 'retain' })
  const cardId = card.ok ? card.value : ''
  updateCard(server, cardId, { status: 'proposed' })
  roots(server).decisions.set('d1', { cardId, function: 'Sales', verdict: 'approve' })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  const attempt = (role: Role, edit: (doc: Y.Doc) => void) => {
    const sv = Y.encodeStateVector(client)
    edit(client)
    const touches = touchesOfUpdate(server, Y.encodeStateAsUpdate(client, sv))
    if (!touches.ok) return touches
    return checkClientWrite(touches.value, role)
  }
  return { cardId, attempt }
}

describe('client write policy', () => {
  it('lets members edit cards, people and KPIs', () => {
    const { cardId, attempt } = board()
    expect(attempt('member', (d) => updateCard(d, cardId, { title: 'Better bet', tags: ['q4'] })).ok).toBe(
      true,
    )
    expect(attempt('member', (d) => roots(d).people.set('p1', new Y.Map())).ok).toBe(true)
    expect(
      attempt('leader', (d) => addCard(d, { kind: 'initiative', title: 'New', stageId: 'acquire' })).ok,
    ).toBe(true)
  })

  it('refuses every write from a viewer', () => {
    const { cardId, attempt } = board()
    expect(attempt('viewer', (d) => updateCard(d, cardId, { title: 'x' }))).toEqual({
      ok: false,
      error: 'viewers cannot edit',
    })
  })

  it('refuses forged decisions, membership and proposal rounds from any role', () => {
    for (const role of ['owner', 'leader', 'member'] as const) {
      const { cardId, attempt } = board()
      expect(attempt(role, (d) => roots(d).decisions.set('d2', { cardId, verdict: 'approve' })).ok).toBe(
        false,
      )
    }
    const { cardId, attempt } = board()
    expect(attempt('owner', (d) => roots(d).decisions.delete('d1')).ok).toBe(false)
    expect(attempt('owner', (d) => roots(d).members.set('m1', { role: 'owner' })).ok).toBe(false)
    expect(attempt('owner', (d) => roots(d).approvals.set(cardId, { round: 9 })).ok).toBe(false)
  })

  it('refuses a client setting a card approved or declined directly', () => {
    const { cardId, attempt } = board()
    const forge = (d: Y.Doc) => (roots(d).cards.get(cardId) as Y.Map<unknown>).set('status', 'approved')
    expect(attempt('leader', forge)).toEqual({
      ok: false,
      error: 'a card becomes approved or declined only through leaders’ decisions',
    })
  })

  it('lets a member propose, and keeps stages and the board title for the owner', () => {
    const { cardId, attempt } = board()
    expect(attempt('member', (d) => updateCard(d, cardId, { status: 'idea' })).ok).toBe(true)
    const rename = (d: Y.Doc) => roots(d).meta.set('title', 'Mine now')
    const restage = (d: Y.Doc) => (roots(d).stages.get('acquire') as Y.Map<unknown>).set('name', 'Land')
    expect(attempt('member', rename).ok).toBe(false)
    expect(attempt('member', restage).ok).toBe(false)
    const owner = board()
    expect(owner.attempt('owner', rename).ok).toBe(true)
    expect(owner.attempt('owner', restage).ok).toBe(true)
  })
})
