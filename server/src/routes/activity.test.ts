import { addCard, moveCard, readBoard, updateCard } from '@tideboard/shared'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { ActivityLog } from '../activity/activityLog.js'
import { silentLogger } from '../log.js'
import { createMemoryStorage } from '../storage/memory.js'
import { settle } from '../testing/fakeClient.js'
import { createTestApp, expectError, type TestApp } from '../testing/testApp.js'

let t: TestApp | null = null
afterEach(async () => {
  await t?.dispose()
  t = null
})

interface Feed {
  activity: {
    id: number
    at: string
    actor: { id: string; name: string }
    cardId: string
    cardTitle: string
    action: { kind: string }
    line: string
  }[]
  next: number | null
}

describe('GET /api/boards/:id/activity', () => {
  it('lists who did what to which card, newest first, under the identity of their token', async () => {
    t = createTestApp()
    const board = await t.createBoard()
    const mo = await t.join(board.id, board.invites.member, 'Mo')
    const dee = await t.join(board.id, await t.invite(board, { role: 'leader', function: 'Sales' }), 'Dee')
    const client = await t.connect(board.id, mo.token)
    // What a client claims about itself changes nothing: awareness and createdBy are its own words.
    client.awareness.setLocalStateField('user', { name: 'The CEO' })
    const card = addCard(client.doc, {
      kind: 'initiative',
      title: 'Partner webinars',
      stageId: 'acquire',
      by: 'the-ceo',
    })
    if (!card.ok) throw new Error(card.error)
    await settle(10)
    moveCard(client.doc, { cardId: card.value, toStageId: 'activate', index: 0 })
    await settle(10)
    for (const title of ['Partner webinar', 'Partner webinars Q1', 'Partner webinars Q1 pilot']) {
      updateCard(client.doc, card.value, { title })
      await settle(5)
    }
    updateCard(client.doc, card.value, { description: 'Two sessions' })
    await settle(5)
    updateCard(client.doc, card.value, { extraFunctions: ['Sales'] })
    await settle(5)
    updateCard(client.doc, card.value, { status: 'proposed' })
    await settle(10)
    await t.json(
      t.request(`/api/boards/${board.id}/cards/${card.value}/decisions`, {
        method: 'POST',
        token: dee.token,
        json: { verdict: 'approve', reason: 'Go' },
      }),
      201,
    )
    await settle(10)

    const feed = await t.json<Feed>(
      t.request(`/api/boards/${board.id}/activity`, { token: board.invites.viewer }),
    )
    expect(feed.activity.map((e) => [e.actor.name, e.line])).toEqual([
      ['Dee', 'approved “Partner webinars Q1 pilot” for Sales (every sign-off is in: approved)'],
      ['Mo', 'proposed “Partner webinars Q1 pilot”'],
      ['Mo', 'edited the title, description, sign-offs of “Partner webinars Q1 pilot”'],
      ['Mo', 'moved “Partner webinars” from Acquire to Activate'],
      ['Mo', 'created “Partner webinars”'],
    ])
    expect(feed.activity.every((e) => e.cardId === card.value)).toBe(true)
    expect(feed.activity[1]?.actor.id).toBe(mo.member.id)
    expect(feed.next).toBeNull()
    expect(readBoard(client.doc).cards[0]?.status).toBe('approved')
  })

  it('records a description typed into a card, and a change held back for a missing edit once it lands', async () => {
    t = createTestApp()
    const board = await t.createBoard()
    const client = await t.connect(board.id, board.invites.member)
    const card = addCard(client.doc, { kind: 'initiative', title: 'Quiet period', stageId: 'engage' })
    if (!card.ok) throw new Error(card.error)
    await settle(10)
    const lines = async () =>
      (
        await t!.json<Feed>(t!.request(`/api/boards/${board.id}/activity`, { token: board.invites.owner }))
      ).activity.map((e) => e.line)
    const record = (doc: Y.Doc) => doc.getMap('cards').get(card.value) as Y.Map<unknown>
    const typeInto = (doc: Y.Doc, text: string) => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(text)])
      ;(record(doc).get('description') as Y.XmlFragment).insert(0, [paragraph])
    }
    typeInto(client.doc, 'Two weeks')
    await settle(10)
    expect(await lines()).toEqual(['edited the description of “Quiet period”', 'created “Quiet period”'])

    // Another replica renames the card and then types; its typing arrives first and is held back
    // (it follows the rename in its client's clock), so it changes the card only when the rename lands.
    const other = new Y.Doc()
    other.clientID = 4242
    Y.applyUpdate(other, Y.encodeStateAsUpdate(client.doc))
    const updates: Uint8Array[] = []
    other.on('update', (update: Uint8Array) => updates.push(update))
    record(other).set('title', 'Quiet month')
    typeInto(other, 'Then a survey')
    const frame = (update: Uint8Array) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 0)
      syncProtocol.writeUpdate(encoder, update)
      return encoding.toUint8Array(encoder)
    }
    // A second member, so the edits are not merged into the first one's entry.
    const second = await t.connect(board.id, await t.invite(board, { role: 'member' }))
    second.send(frame(updates[1]!))
    await settle(10)
    expect(second.closed).toBeNull()
    second.send(frame(updates[0]!))
    await settle(10)
    expect(second.closed).toBeNull()
    expect((await lines())[0]).toBe('edited the title, description of “Quiet month”')
  })

  it('names someone who never joined after their invite link', async () => {
    t = createTestApp()
    const board = await t.createBoard()
    const client = await t.connect(board.id, board.invites.member)
    addCard(client.doc, { kind: 'hypothesis', title: 'Quiet period', stageId: 'engage' })
    await settle(10)
    const feed = await t.json<Feed>(
      t.request(`/api/boards/${board.id}/activity`, { token: board.invites.owner }),
    )
    expect(feed.activity.map((e) => `${e.actor.name} ${e.line}`)).toEqual([
      'Member link created “Quiet period”',
    ])
  })

  it('filters by member and card, and pages with limit and before', async () => {
    t = createTestApp()
    const board = await t.createBoard()
    const mo = await t.join(board.id, board.invites.member, 'Mo')
    const ana = await t.join(board.id, board.invites.member, 'Ana')
    const moClient = await t.connect(board.id, mo.token)
    const anaClient = await t.connect(board.id, ana.token)
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const a = addCard(moClient.doc, { kind: 'initiative', title: `Mo ${i}`, stageId: 'acquire' })
      const b = addCard(anaClient.doc, { kind: 'initiative', title: `Ana ${i}`, stageId: 'refer' })
      if (a.ok) ids.push(a.value)
      if (b.ok) ids.push(b.value)
      await settle(10)
    }
    const path = `/api/boards/${board.id}/activity`
    const get = (query: string) =>
      t!.json<Feed>(t!.request(`${path}?${query}`, { token: board.invites.member }))
    const mine = await get(`memberId=${ana.member.id}`)
    expect(mine.activity.map((e) => e.cardTitle)).toEqual(['Ana 2', 'Ana 1', 'Ana 0'])
    const one = await get(`cardId=${ids[0]}`)
    expect(one.activity.map((e) => e.cardTitle)).toEqual(['Mo 0'])

    const page1 = await get('limit=4')
    expect(page1.activity).toHaveLength(4)
    expect(page1.next).toBe(page1.activity[3]?.id)
    const page2 = await get(`limit=4&before=${page1.next}`)
    expect(page2.activity).toHaveLength(2)
    expect(page2.next).toBeNull()
    const titles = [...page1.activity, ...page2.activity].map((e) => e.cardTitle)
    expect(new Set(titles).size).toBe(6)

    await expectError(t.request(`${path}?limit=0`, { token: board.invites.member }), 400)
    await expectError(t.request(`${path}?limit=abc`, { token: board.invites.member }), 400)
    await expectError(t.request(`${path}?limit=500`, { token: board.invites.member }), 400)
    await expectError(t.request(`${path}?before=999999`, { token: board.invites.member }), 400)
    await expectError(t.request(path), 401)
    await expectError(
      t.request('/api/boards/AAAAAAAAAAAAAAAA/activity', { token: board.invites.member }),
      404,
    )
    // A download-style link works too.
    expect((await t.request(`${path}?token=${board.invites.viewer}`)).status).toBe(200)
  })
})

describe('ActivityLog', () => {
  const mo = { id: 'mo', name: 'Mo' }
  const ana = { id: 'ana', name: 'Ana' }
  const edited = (fields: string[]) => ({ kind: 'edited' as const, fields })
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, seconds))

  it('merges one person’s edits of one card within a minute, and only those', async () => {
    const storage = createMemoryStorage()
    const log = new ActivityLog(storage, silentLogger)
    const entry = (fields: string[], title = 'Card') => [
      { cardId: 'c1', cardTitle: title, action: edited(fields) },
    ]
    await log.record('b', mo, entry(['title']), at(0))
    await log.record('b', mo, entry(['description'], 'Card 2'), at(30))
    await log.record('b', mo, entry(['title']), at(59))
    let rows = await log.list('b', { limit: 10 })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ at: at(59).toISOString(), action: edited(['title', 'description']) })
    // More than a minute after the last merged edit: a new entry.
    await log.record('b', mo, entry(['tags']), at(59 + 61))
    // Someone else in between: a new entry, and Mo's next edit is new again.
    await log.record('b', ana, entry(['title']), at(59 + 62))
    await log.record('b', mo, entry(['title']), at(59 + 63))
    rows = await log.list('b', { limit: 10 })
    expect(rows.map((r) => r.actorName)).toEqual(['Mo', 'Ana', 'Mo', 'Mo'])
    // Moves are never merged.
    const move = { kind: 'moved' as const, fromStageId: 'a', toStageId: 'b' }
    await log.record('b', mo, [{ cardId: 'c1', cardTitle: 'Card', action: move }], at(59 + 64))
    await log.record('b', mo, [{ cardId: 'c1', cardTitle: 'Card', action: move }], at(59 + 65))
    expect(await log.list('b', { limit: 10 })).toHaveLength(6)
  })
})

describe('ActivityLog holding merges', () => {
  const mo = { id: 'mo', name: 'Mo' }
  const typing = (title: string) => [
    { cardId: 'c1', cardTitle: title, action: { kind: 'edited' as const, fields: ['title'] } },
  ]

  /** Memory storage that counts the feed's reads and rewrites. */
  function countingStorage() {
    const storage = createMemoryStorage()
    const calls = { latest: 0, update: 0 }
    const latestActivity = storage.latestActivity.bind(storage)
    const updateActivity = storage.updateActivity.bind(storage)
    storage.latestActivity = (boardId, cardId) => {
      calls.latest += 1
      return latestActivity(boardId, cardId)
    }
    storage.updateActivity = (id, changes) => {
      calls.update += 1
      return updateActivity(id, changes)
    }
    return { storage, calls }
  }

  it('reads the card’s latest entry once and writes a burst of typing as one rewrite', async () => {
    const { storage, calls } = countingStorage()
    // A flush interval no test waits for: only list() and flush() write.
    const log = new ActivityLog(storage, silentLogger, 60_000, 3_600_000)
    for (let i = 1; i <= 50; i++) await log.record('b', mo, typing(`Ti${'t'.repeat(i)}le`))
    expect(calls).toEqual({ latest: 1, update: 0 })
    const rows = await log.list('b', { limit: 10 })
    expect(calls.update).toBe(1)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ cardTitle: `Ti${'t'.repeat(50)}le`, action: { fields: ['title'] } })
    // Nothing held any more: a second read writes nothing.
    await log.list('b', { limit: 10 })
    expect(calls.update).toBe(1)
  })

  it('writes a held merge on flush, and before a new entry for the same card', async () => {
    const { storage, calls } = countingStorage()
    const log = new ActivityLog(storage, silentLogger, 60_000, 3_600_000)
    await log.record('b', mo, typing('Draft'))
    await log.record('b', mo, typing('Draft two'))
    await log.flush()
    expect(calls.update).toBe(1)
    expect((await storage.listActivity('b', { limit: 10 }))[0]).toMatchObject({ cardTitle: 'Draft two' })
    await log.record('b', mo, typing('Draft three'))
    const move = { kind: 'moved' as const, fromStageId: 'a', toStageId: 'b' }
    await log.record('b', mo, [{ cardId: 'c1', cardTitle: 'Draft three', action: move }])
    // Read straight from storage (not through list, which flushes): the merge was written first.
    const stored = await storage.listActivity('b', { limit: 10 })
    expect(stored.map((r) => [r.action.kind, r.cardTitle])).toEqual([
      ['moved', 'Draft three'],
      ['edited', 'Draft three'],
    ])
  })

  it('keeps the order of records made back to back, merges included, while the first still reads', async () => {
    const { storage } = countingStorage()
    const log = new ActivityLog(storage, silentLogger, 60_000, 3_600_000)
    const move = { kind: 'moved' as const, fromStageId: 'a', toStageId: 'b' }
    const description = [
      { cardId: 'c1', cardTitle: 'Two', action: { kind: 'edited' as const, fields: ['description'] } },
    ]
    // None awaited: the merges wait for the first entry, then the move follows them.
    void log.record('b', mo, typing('One'))
    void log.record('b', mo, description)
    void log.record('b', mo, typing('Three'))
    await log.record('b', mo, [{ cardId: 'c1', cardTitle: 'Three', action: move }])
    // Typing again after the move (nothing queued now): a new entry, and merges into it.
    await log.record('b', mo, typing('Four'))
    await log.record('b', mo, description)
    const rows = await log.list('b', { limit: 10 })
    expect(rows.map((r) => [r.action, r.cardTitle])).toEqual([
      [{ kind: 'edited', fields: ['title', 'description'] }, 'Two'],
      [move, 'Three'],
      [{ kind: 'edited', fields: ['title', 'description'] }, 'Three'],
    ])
  })

  it('writes held merges by itself shortly after the typing', async () => {
    const { storage } = countingStorage()
    const log = new ActivityLog(storage, silentLogger, 60_000, 20)
    await log.record('b', mo, typing('One'))
    await log.record('b', mo, typing('One more'))
    await expect
      .poll(async () => (await storage.listActivity('b', { limit: 10 }))[0]?.cardTitle)
      .toBe('One more')
  })
})
