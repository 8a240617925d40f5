// Sign-offs as users and outside tools meet them: a real server process, stock y-websocket clients,
// REST calls with personal tokens, and raw sockets sending hand-made updates the server must refuse.

import {
  addCard,
  addPerson,
  approvalFingerprint,
  approvalState,
  type Board,
  readBoard,
  requiredFunctions,
  updateCard,
} from '@tideboard/shared'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { api } from './support/api.js'
import { openRaw, updateFrame } from './support/rawSocket.js'
import { type CreatedBoard, createBoard, TestServer } from './support/server.js'
import { type Client, connect, eventually, OpenClients, synced } from './support/yclient.js'

interface Joined {
  token: string
  member: { id: string; name: string; role: string; function: string | null }
}

interface Decided {
  decision: { id: string; function: string; verdict: string; byName: string; round: number }
  state: { outcome: string; waitingOn: string[] }
  status: string
}

const cardOf = (client: Client, id: string) => readBoard(client.doc).cards.find((c) => c.id === id)

describe('leaders sign off cross-functional bets', () => {
  let server: TestServer
  let board: CreatedBoard
  const clients = new OpenClients()
  const open = (token: string) => clients.add(connect(server.ws, board.id, token))
  const invite = async (body: { role: string; function?: string; name?: string }) => {
    const res = await api<{ token: string }>(server, `/api/boards/${board.id}/invites`, {
      method: 'POST',
      token: board.invites.owner,
      json: body,
    })
    expect(res.status).toBe(201)
    return res.body.token
  }
  const join = async (token: string, name: string) => {
    const res = await api<Joined>(server, `/api/boards/${board.id}/join`, {
      method: 'POST',
      token,
      json: { name },
    })
    expect(res.status).toBe(201)
    return res.body
  }
  const decide = (cardId: string, token: string, json: unknown) =>
    api<Decided>(server, `/api/boards/${board.id}/cards/${cardId}/decisions`, { method: 'POST', token, json })

  /** A member's two-function bet (Sales and Customer Success owners), made in the member's document. */
  const proposeBet = (client: Client, title: string): string => {
    const diego = addPerson(client.doc, { name: 'Diego', function: 'Sales' })
    const priya = addPerson(client.doc, { name: 'Priya', function: 'Customer Success' })
    const card = addCard(client.doc, { kind: 'hypothesis', title, stageId: 'retain' })
    if (!diego.ok || !priya.ok || !card.ok) throw new Error('could not build the bet')
    updateCard(client.doc, card.value, {
      owners: { Sales: diego.value, 'Customer Success': priya.value },
      hypothesis: { statement: 'A health review before upsell will lift NRR by 3 points', impact: 7 },
    })
    const proposed = updateCard(client.doc, card.value, { status: 'proposed' })
    if (!proposed.ok) throw new Error(proposed.error)
    return card.value
  }

  beforeAll(async () => {
    server = await new TestServer().start()
  })
  afterAll(async () => {
    await server.dispose()
  })
  beforeEach(async () => {
    board = await createBoard(server, 'Sign-off board')
  })
  afterEach(() => {
    clients.destroyAll()
  })

  it('runs the whole flow: propose in the document, decide through REST, everyone sees it live', async () => {
    const sales = await join(await invite({ role: 'leader', function: 'Sales' }), 'Dee')
    const cs = await join(await invite({ role: 'leader', function: 'Customer Success' }), 'Priya')
    const mo = await join(board.invites.member, 'Mo')
    const member = open(mo.token)
    const leader = open(sales.token)
    await Promise.all([synced(member), synced(leader)])

    const cardId = proposeBet(member, 'Renewal health review before upsell')
    await eventually(() => readBoard(member.doc).rounds[cardId]?.round === 1, 'the server opens round 1')
    expect(readBoard(member.doc).rounds[cardId]?.proposedBy).toBe(mo.member.id)

    // The Sales leader's queue: proposed cards that need Sales.
    await eventually(() => cardOf(leader, cardId)?.status === 'proposed', 'the leader sees the proposal')
    const seen = cardOf(leader, cardId)
    if (!seen) throw new Error('card missing')
    expect(requiredFunctions(seen)).toEqual(['Customer Success', 'Sales'])

    const approve = await decide(cardId, sales.token, {
      verdict: 'approve',
      reason: 'Worth it',
      fingerprint: approvalFingerprint(seen),
    })
    expect(approve.status).toBe(201)
    expect(approve.body.state).toEqual(
      expect.objectContaining({ outcome: 'pending', waitingOn: ['Customer Success'] }),
    )
    const decline = await decide(cardId, cs.token, { verdict: 'decline', reason: 'No capacity in Q1' })
    expect(decline.status).toBe(201)
    expect(decline.body.status).toBe('declined')

    await eventually(() => cardOf(member, cardId)?.status === 'declined', 'the member sees the decline live')
    const afterDecline: Board = readBoard(member.doc)
    const state = approvalState(cardOf(member, cardId)!, afterDecline.decisions, 1)
    expect(state.declines.map((d) => [d.byName, d.function, d.reason])).toEqual([
      ['Priya', 'Customer Success', 'No capacity in Q1'],
    ])

    // Proposed again: a new round, in which both sign off.
    updateCard(member.doc, cardId, { status: 'proposed' })
    await eventually(() => readBoard(member.doc).rounds[cardId]?.round === 2, 'the server opens round 2')
    expect((await decide(cardId, cs.token, { verdict: 'approve', reason: 'Capacity found' })).status).toBe(
      201,
    )
    const last = await decide(cardId, sales.token, { verdict: 'approve', reason: '' })
    expect(last.body).toMatchObject({ status: 'approved', decision: { round: 2 } })
    await eventually(() => cardOf(member, cardId)?.status === 'approved', 'the member sees the approval live')
    expect(readBoard(member.doc).decisions).toHaveLength(4)

    const log = await api<{ decisions: { verdict: string; function: string }[] }>(
      server,
      `/api/boards/${board.id}/decisions?cardId=${cardId}`,
      { token: board.invites.viewer },
    )
    expect(log.body.decisions.map((d) => `${d.function}:${d.verdict}`)).toEqual([
      'Sales:approve',
      'Customer Success:decline',
      'Customer Success:approve',
      'Sales:approve',
    ])
    expect(member.closes).toEqual([])
    expect(leader.closes).toEqual([])
  })

  it('refuses hand-made updates that forge decisions or approve a card, from a member and from a leader', async () => {
    const sales = await join(await invite({ role: 'leader', function: 'Sales' }), 'Dee')
    const mo = await join(board.invites.member, 'Mo')
    const member = open(mo.token)
    const watcher = open(board.invites.owner)
    await Promise.all([synced(member), synced(watcher)])
    const cardId = proposeBet(member, 'Bet worth forging')
    await eventually(() => cardOf(watcher, cardId)?.status === 'proposed', 'the watcher has the card')

    for (const [who, token] of [
      ['member', mo.token],
      ['leader', sales.token],
    ] as const) {
      // A decision written straight into the server-owned map, from an empty document.
      const forged = new Y.Doc()
      forged.getMap('decisions').set(`forged-by-${who}`, {
        cardId,
        function: 'Sales',
        verdict: 'approve',
        reason: 'Trust me',
        by: 'ceo',
        byName: 'The CEO',
        at: new Date().toISOString(),
        fingerprint: '',
        round: 1,
      })
      const raw = await openRaw(server.ws, board.id, token)
      raw.ws.send(updateFrame(Y.encodeStateAsUpdate(forged)))
      const closed = await raw.closed
      expect(closed.code).toBe(4403)
      expect(closed.reason).toMatch(/decisions are recorded by the server/)

      // The card's status set to approved on top of the current board.
      const scratch = new Y.Doc()
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(watcher.doc))
      const before = Y.encodeStateVector(scratch)
      ;(scratch.getMap('cards').get(cardId) as Y.Map<unknown>).set('status', 'approved')
      const raw2 = await openRaw(server.ws, board.id, token)
      raw2.ws.send(updateFrame(Y.encodeStateAsUpdate(scratch, before)))
      const closed2 = await raw2.closed
      expect(closed2.code).toBe(4403)
      expect(closed2.reason).toMatch(/approved or declined only through leaders/)
    }

    // An ordinary edit sent after the forgeries arrives; the forgeries never did.
    updateCard(member.doc, cardId, { title: 'Bet after the forgeries' })
    await eventually(
      () => cardOf(watcher, cardId)?.title === 'Bet after the forgeries',
      'the watcher gets later edits',
    )
    for (const client of [watcher, member]) {
      expect(client.doc.getMap('decisions').size).toBe(0)
      expect(cardOf(client, cardId)?.status).toBe('proposed')
    }
    const fresh = open(board.invites.viewer)
    await synced(fresh)
    expect(fresh.doc.getMap('decisions').size).toBe(0)
    expect(cardOf(fresh, cardId)?.status).toBe('proposed')

    // Nor after a restart: nothing of them was stored.
    clients.destroyAll()
    await server.restart()
    const afterRestart = open(board.invites.viewer)
    await synced(afterRestart)
    expect(cardOf(afterRestart, cardId)?.title).toBe('Bet after the forgeries')
    expect(afterRestart.doc.getMap('decisions').size).toBe(0)
    expect(cardOf(afterRestart, cardId)?.status).toBe('proposed')
    const log = await api<{ decisions: unknown[] }>(server, `/api/boards/${board.id}/decisions`, {
      token: board.invites.viewer,
    })
    expect(log.body.decisions).toEqual([])
  })

  it('refuses a revoked person and a revoked invite on REST and closes their open sockets', async () => {
    const ana = await join(board.invites.member, 'Ana')
    const linkToken = await invite({ role: 'member', name: 'Contractor' })
    const anaClient = open(ana.token)
    const linkClient = open(linkToken)
    const stays = open(board.invites.member)
    await Promise.all([synced(anaClient), synced(linkClient), synced(stays)])

    const revoked = await api(server, `/api/boards/${board.id}/members/${ana.member.id}`, {
      method: 'DELETE',
      token: board.invites.owner,
    })
    expect(revoked.status).toBe(200)
    await eventually(
      () => anaClient.closes.some((c) => c.code === 4403 && c.reason === 'access revoked'),
      'Ana’s socket is closed with 4403',
    )
    expect((await api(server, `/api/boards/${board.id}`, { token: ana.token })).status).toBe(403)

    const listing = await api<{ invites: { id: string; token: string | null }[] }>(
      server,
      `/api/boards/${board.id}/members`,
      { token: board.invites.owner },
    )
    const linkId = listing.body.invites.find((i) => i.token === linkToken)?.id
    const dropped = await api(server, `/api/boards/${board.id}/invites/${linkId}`, {
      method: 'DELETE',
      token: board.invites.owner,
    })
    expect(dropped.status).toBe(200)
    await eventually(
      () => linkClient.closes.some((c) => c.code === 4403),
      'the link’s socket is closed with 4403',
    )
    expect((await api(server, `/api/boards/${board.id}`, { token: linkToken })).status).toBe(403)

    // Stock clients take 44xx as final: no reconnect attempts, and a new upgrade is refused anyway.
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(anaClient.closes).toHaveLength(1)
    expect(anaClient.provider.wsconnected).toBe(false)
    const upgrade = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.ws}/sync/${board.id}?token=${encodeURIComponent(ana.token)}`)
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0)
        ws.terminate()
      })
      ws.on('error', () => {})
    })
    expect(upgrade).toBe(403)
    expect(stays.closes).toEqual([])
  })

  it('refuses viewers’ writes, including someone demoted to viewer while connected', async () => {
    const vera = await join(board.invites.viewer, 'Vera')
    const mo = await join(board.invites.member, 'Mo')
    const viewer = open(vera.token)
    const member = open(mo.token)
    const watcher = open(board.invites.owner)
    await Promise.all([synced(viewer), synced(member), synced(watcher)])

    addCard(viewer.doc, { kind: 'initiative', title: 'Written by a viewer', stageId: 'acquire' })
    await eventually(() => viewer.closes.some((c) => c.code === 4403), 'the viewer’s socket is closed')
    expect(viewer.closes[0]?.reason).toBe('viewers cannot edit')

    addCard(member.doc, { kind: 'initiative', title: 'Written by Mo', stageId: 'acquire' })
    await eventually(() => readBoard(watcher.doc).cards.length === 1, 'the watcher has Mo’s card')
    const patched = await api(server, `/api/boards/${board.id}/members/${mo.member.id}`, {
      method: 'PATCH',
      token: board.invites.owner,
      json: { role: 'viewer' },
    })
    expect(patched.status).toBe(200)
    await eventually(
      () => readBoard(member.doc).members.find((m) => m.id === mo.member.id)?.role === 'viewer',
      'Mo’s client learns the new role from the document',
    )
    addCard(member.doc, { kind: 'initiative', title: 'Written after demotion', stageId: 'acquire' })
    await eventually(
      () => member.closes.some((c) => c.code === 4403),
      'the demoted member’s write is refused',
    )

    const fresh = open(board.invites.owner)
    await synced(fresh)
    expect(readBoard(fresh.doc).cards.map((c) => c.title)).toEqual(['Written by Mo'])
  })

  it('attributes activity to the token’s identity, not to the name a client claims', async () => {
    const mo = await join(board.invites.member, 'Mo')
    const impostor = open(mo.token)
    const anonymous = open(board.invites.member)
    await Promise.all([synced(impostor), synced(anonymous)])
    impostor.provider.awareness.setLocalStateField('user', { name: 'The CEO' })
    const ceo = addPerson(impostor.doc, { name: 'The CEO', function: 'Sales' })
    const card = addCard(impostor.doc, {
      kind: 'initiative',
      title: 'Claimed by the CEO',
      stageId: 'expand',
      by: ceo.ok ? ceo.value : 'ceo',
    })
    addCard(anonymous.doc, { kind: 'initiative', title: 'From a link', stageId: 'refer' })
    if (!card.ok) throw new Error(card.error)

    type Feed = { activity: { actor: { id: string; name: string }; cardTitle: string; line: string }[] }
    let feed: Feed = { activity: [] }
    const deadline = Date.now() + 10_000
    // The feed is written just after the edits are applied: poll until both are in.
    while (feed.activity.length < 2) {
      if (Date.now() > deadline) throw new Error('timed out waiting for both cards in the feed')
      feed = (await api<Feed>(server, `/api/boards/${board.id}/activity`, { token: board.invites.viewer }))
        .body
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const byTitle = new Map(feed.activity.map((e) => [e.cardTitle, e]))
    expect(byTitle.get('Claimed by the CEO')?.actor).toEqual({ id: mo.member.id, name: 'Mo' })
    expect(byTitle.get('Claimed by the CEO')?.line).toBe('created “Claimed by the CEO”')
    expect(byTitle.get('From a link')?.actor.name).toBe('Member link')
    const mine = await api<Feed>(server, `/api/boards/${board.id}/activity?memberId=${mo.member.id}`, {
      token: board.invites.viewer,
    })
    expect(mine.body.activity.map((e) => e.cardTitle)).toEqual(['Claimed by the CEO'])
  })
})
