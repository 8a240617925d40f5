import {
  addCard,
  addPerson,
  approvalFingerprint,
  approvalState,
  type Board,
  readBoard,
  updateCard,
} from '@tideboard/shared'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { FakeClient } from '../testing/fakeClient.js'
import { settle } from '../testing/fakeClient.js'
import { createTestApp, expectError, type TestApp, type TestBoard } from '../testing/testApp.js'

let t: TestApp
afterEach(async () => {
  await t.dispose()
})

interface Decided {
  decision: { id: string; function: string; verdict: string; by: string; byName: string; round: number }
  state: { outcome: string; waitingOn: string[] }
  status: string
}

/** A board with Sales and Customer Success leaders, a member at work, and a proposed two-function bet. */
async function proposedBet() {
  t = createTestApp()
  const board = await t.createBoard()
  const sales = await t.join(board.id, await t.invite(board, { role: 'leader', function: 'Sales' }), 'Dee')
  const cs = await t.join(
    board.id,
    await t.invite(board, { role: 'leader', function: 'Customer Success' }),
    'Priya',
  )
  const marketing = await t.join(
    board.id,
    await t.invite(board, { role: 'leader', function: 'Marketing' }),
    'Ola',
  )
  const mo = await t.join(board.id, board.invites.member, 'Mo')
  const client = await t.connect(board.id, mo.token)
  const cardId = makeBet(client)
  await settle(10)
  return { board, sales, cs, marketing, mo, client, cardId }
}

function makeBet(client: FakeClient, status: 'proposed' | 'idea' = 'proposed'): string {
  const doc = client.doc
  const p1 = addPerson(doc, { name: 'Diego', function: 'Sales' })
  const p2 = addPerson(doc, { name: 'Priya', function: 'Customer Success' })
  const card = addCard(doc, { kind: 'hypothesis', title: 'Renewal review before upsell', stageId: 'retain' })
  if (!p1.ok || !p2.ok || !card.ok) throw new Error('setup failed')
  updateCard(doc, card.value, { owners: { Sales: p1.value, 'Customer Success': p2.value } })
  if (status === 'proposed') updateCard(doc, card.value, { status: 'proposed' })
  return card.value
}

const decide = (board: TestBoard, cardId: string, token: string, body: unknown) =>
  t.request(`/api/boards/${board.id}/cards/${cardId}/decisions`, { method: 'POST', token, json: body })

const serverBoard = (boardId: string): Promise<Board> => t.rooms.withDoc(boardId, (doc) => readBoard(doc))

describe('POST /api/boards/:id/cards/:cardId/decisions', () => {
  it('approves once every function involved approved, and shows it live to the member', async () => {
    const { board, sales, cs, client, cardId } = await proposedBet()
    expect(readBoard(client.doc).rounds[cardId]?.round).toBe(1)

    const first = await t.json<Decided>(
      decide(board, cardId, sales.token, { verdict: 'approve', reason: '' }),
      201,
    )
    expect(first.decision).toMatchObject({
      function: 'Sales',
      verdict: 'approve',
      by: sales.member.id,
      byName: 'Dee',
      round: 1,
    })
    expect(first.state).toMatchObject({ outcome: 'pending', waitingOn: ['Customer Success'] })
    expect(first.status).toBe('proposed')

    const second = await t.json<Decided>(
      decide(board, cardId, cs.token, { verdict: 'approve', reason: 'Healthy accounts only' }),
      201,
    )
    expect(second.state).toMatchObject({ outcome: 'approved', waitingOn: [] })
    expect(second.status).toBe('approved')
    await settle(10)
    const seen = readBoard(client.doc)
    expect(seen.cards.find((c) => c.id === cardId)?.status).toBe('approved')
    expect(seen.decisions.map((d) => [d.function, d.verdict, d.byName])).toEqual([
      ['Sales', 'approve', 'Dee'],
      ['Customer Success', 'approve', 'Priya'],
    ])
    expect(client.closed).toBeNull()
  })

  it('declines on one decline, with its reason', async () => {
    const { board, sales, client, cardId } = await proposedBet()
    const declined = await t.json<Decided>(
      decide(board, cardId, sales.token, { verdict: 'decline', reason: 'No capacity this quarter' }),
      201,
    )
    expect(declined.status).toBe('declined')
    expect(declined.state.outcome).toBe('declined')
    await settle(10)
    const card = readBoard(client.doc).cards.find((c) => c.id === cardId)
    expect(card?.status).toBe('declined')
    expect(readBoard(client.doc).decisions[0]?.reason).toBe('No capacity this quarter')
  })

  it('lets an owner decide for a function they name', async () => {
    const { board, cardId } = await proposedBet()
    await expectError(decide(board, cardId, board.invites.owner, { verdict: 'approve', reason: '' }), 400)
    const res = await t.json<Decided>(
      decide(board, cardId, board.invites.owner, { verdict: 'approve', reason: '', function: 'Sales' }),
      201,
    )
    expect(res.decision).toMatchObject({ function: 'Sales', byName: 'Owner link' })
  })

  it('refuses wrong roles and functions with 403', async () => {
    const { board, sales, marketing, mo, cardId } = await proposedBet()
    await expectError(decide(board, cardId, mo.token, { verdict: 'approve', reason: '' }), 403, 'forbidden')
    await expectError(decide(board, cardId, board.invites.viewer, { verdict: 'approve', reason: '' }), 403)
    await expectError(decide(board, cardId, marketing.token, { verdict: 'approve', reason: '' }), 403)
    await expectError(
      decide(board, cardId, sales.token, { verdict: 'approve', reason: '', function: 'Customer Success' }),
      403,
    )
    await expectError(decide(board, cardId, 'not-a-token', { verdict: 'approve', reason: '' }), 401)
  })

  it('refuses unknown boards and cards (404), bad bodies (400) and big ones (413)', async () => {
    const { board, sales, cardId } = await proposedBet()
    await expectError(
      decide(board, 'nope', sales.token, { verdict: 'approve', reason: '' }),
      404,
      'not_found',
    )
    await expectError(
      t.request(`/api/boards/AAAAAAAAAAAAAAAA/cards/${cardId}/decisions`, {
        method: 'POST',
        token: sales.token,
        json: { verdict: 'approve', reason: '' },
      }),
      404,
    )
    await expectError(
      decide(board, cardId, sales.token, { verdict: 'maybe', reason: '' }),
      400,
      'invalid_body',
    )
    await expectError(decide(board, cardId, sales.token, { verdict: 'approve' }), 400, 'invalid_body')
    const noReason = await expectError(
      decide(board, cardId, sales.token, { verdict: 'decline', reason: '  ' }),
      400,
    )
    expect(noReason.message).toMatch(/reason/)
    await expectError(
      decide(board, cardId, sales.token, { verdict: 'approve', reason: 'x'.repeat(70_000) }),
      413,
    )
  })

  it('refuses a card that is not proposed, and a stale fingerprint, with 409', async () => {
    const { board, sales, client, cardId } = await proposedBet()
    const idea = makeBet(client, 'idea')
    await settle(10)
    const notProposed = await expectError(
      decide(board, idea, sales.token, { verdict: 'approve', reason: '' }),
      409,
    )
    expect(notProposed.message).toMatch(/proposed/)

    const seen = readBoard(client.doc).cards.find((c) => c.id === cardId)
    if (!seen) throw new Error('card missing')
    const fingerprint = approvalFingerprint(seen)
    updateCard(client.doc, cardId, { hypothesis: { statement: 'A different plan' } })
    await settle(10)
    await expectError(
      decide(board, cardId, sales.token, { verdict: 'approve', reason: '', fingerprint }),
      409,
      'stale',
    )
    const fresh = readBoard(client.doc).cards.find((c) => c.id === cardId)
    if (!fresh) throw new Error('card missing')
    await t.json(
      decide(board, cardId, sales.token, {
        verdict: 'approve',
        reason: '',
        fingerprint: approvalFingerprint(fresh),
      }),
      201,
    )
  })

  it('asks again when an approved card’s plan changes: back to proposed in a new round', async () => {
    const { board, sales, cs, client, cardId } = await proposedBet()
    await t.json(decide(board, cardId, sales.token, { verdict: 'approve', reason: '' }), 201)
    await t.json(decide(board, cardId, cs.token, { verdict: 'approve', reason: '' }), 201)
    await settle(10)
    updateCard(client.doc, cardId, { hypothesis: { impact: 9 } })
    await settle(10)
    const after = await serverBoard(board.id)
    const card = after.cards.find((c) => c.id === cardId)
    if (!card) throw new Error('card missing')
    expect(card.status).toBe('proposed')
    expect(after.rounds[cardId]?.round).toBe(2)
    const state = approvalState(card, after.decisions, 2)
    expect(state.waitingOn).toEqual(['Customer Success', 'Sales'])
    expect(state.signOffs.every((s) => s.stale.length === 1)).toBe(true)
    await settle(10)
    expect(readBoard(client.doc).cards.find((c) => c.id === cardId)?.status).toBe('proposed')
  })

  it('asks again when an approved card’s title or plan text is typed into, not its description', async () => {
    const { board, sales, cs, client, cardId } = await proposedBet()
    const approve = async () => {
      await t.json(decide(board, cardId, sales.token, { verdict: 'approve', reason: '' }), 201)
      await t.json(decide(board, cardId, cs.token, { verdict: 'approve', reason: '' }), 201)
      await settle(10)
    }
    const status = async () => (await serverBoard(board.id)).cards.find((c) => c.id === cardId)?.status
    const record = client.doc.getMap('cards').get(cardId) as Y.Map<unknown>
    const typeInto = (fragment: unknown, text: string) => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(text)])
      ;(fragment as Y.XmlFragment).insert(0, [paragraph])
    }
    await approve()
    expect(await status()).toBe('approved')
    typeInto(record.get('description'), 'Notes from the call')
    await settle(10)
    expect(await status()).toBe('approved')
    typeInto((record.get('hypothesis') as Y.Map<unknown>).get('statement'), 'If we review first')
    await settle(10)
    expect(await status()).toBe('proposed')
    expect((await serverBoard(board.id)).rounds[cardId]?.round).toBe(2)
    await approve()
    record.set('title', 'Renewal review before any upsell')
    await settle(10)
    expect(await status()).toBe('proposed')
    expect((await serverBoard(board.id)).rounds[cardId]?.round).toBe(3)
  })

  it('starts a new round when a declined card is proposed again', async () => {
    const { board, sales, client, cardId } = await proposedBet()
    await t.json(decide(board, cardId, sales.token, { verdict: 'decline', reason: 'Too early' }), 201)
    await settle(10)
    updateCard(client.doc, cardId, { status: 'proposed' })
    await settle(10)
    const after = await serverBoard(board.id)
    expect(after.rounds[cardId]).toMatchObject({ round: 2, proposedBy: expect.any(String) })
    const round2 = await t.json<Decided>(
      decide(board, cardId, sales.token, { verdict: 'approve', reason: '' }),
      201,
    )
    expect(round2.decision.round).toBe(2)
    expect(round2.state.waitingOn).toEqual(['Customer Success'])
  })
})

describe('GET /api/boards/:id/decisions', () => {
  it('returns the log to any role, filtered by card', async () => {
    const { board, sales, cs, client, cardId } = await proposedBet()
    const other = makeBet(client)
    await settle(10)
    await t.json(decide(board, cardId, sales.token, { verdict: 'approve', reason: 'ok' }), 201)
    await t.json(decide(board, other, cs.token, { verdict: 'decline', reason: 'not now' }), 201)
    const all = await t.json<{ decisions: { cardId: string; reason: string }[] }>(
      t.request(`/api/boards/${board.id}/decisions`, { token: board.invites.viewer }),
    )
    expect(all.decisions.map((d) => d.reason)).toEqual(['ok', 'not now'])
    expect(all.decisions[0]).not.toHaveProperty('boardId')
    const one = await t.json<{ decisions: { cardId: string }[] }>(
      t.request(`/api/boards/${board.id}/decisions?cardId=${other}`, { token: board.invites.member }),
    )
    expect(one.decisions.map((d) => d.cardId)).toEqual([other])
    await expectError(t.request(`/api/boards/${board.id}/decisions`), 401)
    await expectError(
      t.request(`/api/boards/${board.id}/decisions?cardId=${'x'.repeat(101)}`, {
        token: board.invites.viewer,
      }),
      404,
    )
  })
})

describe('decisions in board files', () => {
  it('exports the decision log and imports it into the new board’s log and document', async () => {
    const { board, sales, cs, cardId } = await proposedBet()
    await t.json(decide(board, cardId, sales.token, { verdict: 'approve', reason: 'Yes' }), 201)
    await t.json(decide(board, cardId, cs.token, { verdict: 'approve', reason: 'Also yes' }), 201)
    const file = await t.json<{ decisions: { cardId: string; function: string; by: string | null }[] }>(
      t.request(`/api/boards/${board.id}/export?format=json`, { token: board.invites.viewer }),
    )
    expect(file.decisions.map((d) => [d.cardId, d.function, d.by])).toEqual([
      [cardId, 'Sales', sales.member.id],
      [cardId, 'Customer Success', cs.member.id],
    ])
    const copy = await t.json<TestBoard>(t.request('/api/boards/import', { method: 'POST', json: file }), 201)
    const again = await t.json<{ decisions: unknown[] }>(
      t.request(`/api/boards/${copy.id}/export?format=json`, { token: copy.invites.owner }),
    )
    expect(again.decisions).toEqual(file.decisions)
    const imported = await serverBoard(copy.id)
    const card = imported.cards.find((c) => c.id === cardId)
    if (!card) throw new Error('card missing')
    expect(card.status).toBe('approved')
    expect(approvalState(card, imported.decisions, imported.rounds[cardId]?.round ?? 0).outcome).toBe(
      'approved',
    )
  })
})
