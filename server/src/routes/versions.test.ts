import { addCard, addComment, moveCard, readBoard } from '@tideboard/shared'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { VersionRecord } from '../storage/storage.js'
import { settle } from '../testing/fakeClient.js'
import { createTestApp, expectError, type TestApp } from '../testing/testApp.js'

let t: TestApp | null = null
afterEach(async () => {
  await t?.dispose()
  t = null
})

const versionsOf = (boardId: string) => `/api/boards/${boardId}/versions`

/** Saves a version of `boardId` with `token` and expects it created. */
async function saveVersion(app: TestApp, boardId: string, token: string, name: string) {
  const { version } = await app.json<{ version: VersionRecord }>(
    app.request(versionsOf(boardId), { method: 'POST', token, json: { name } }),
    201,
  )
  return version
}

async function setUp() {
  t = createTestApp()
  const board = await t.createBoard('Versioned plan')
  const owner = await t.join(board.id, board.invites.owner, 'Olivia')
  const member = await t.join(board.id, board.invites.member, 'Mo')
  const leader = await t.join(board.id, await t.invite(board, { role: 'leader', function: 'Sales' }), 'Dee')
  return { t, board, owner, member, leader }
}

describe('named versions over REST', () => {
  it('lets the owner save a version that every role lists and reads, newest first', async () => {
    const { t, board, owner } = await setUp()
    const client = await t.connect(board.id, owner.token)
    addCard(client.doc, { kind: 'initiative', title: 'Partner webinars', stageId: 'acquire', id: 'c1' })
    await settle(10)

    const saved = await saveVersion(t, board.id, owner.token, '  Before Q3 review  ')
    expect(saved).toMatchObject({
      boardId: board.id,
      name: 'Before Q3 review',
      createdBy: owner.member.id,
      createdByName: 'Olivia',
      cardCount: 1,
    })
    const second = await saveVersion(t, board.id, owner.token, 'After')

    const listed = await t.json<{ versions: VersionRecord[] }>(
      t.request(versionsOf(board.id), { token: board.invites.viewer }),
    )
    expect(listed.versions.map((v) => v.name)).toEqual(['After', 'Before Q3 review'])
    expect(listed.versions[1]).toEqual(saved)
    expect(second.id).not.toBe(saved.id)

    const fetched = await t.json<{ version: VersionRecord; state: string }>(
      t.request(`${versionsOf(board.id)}/${saved.id}`, { token: board.invites.viewer }),
    )
    expect(fetched.version).toEqual(saved)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Buffer.from(fetched.state, 'base64'))
    expect(readBoard(doc).cards.map((c) => c.title)).toEqual(['Partner webinars'])
  })

  it('refuses a bad name with a 400 and stores nothing', async () => {
    const { t, board, owner } = await setUp()
    const post = (body: string) =>
      t.request(versionsOf(board.id), {
        method: 'POST',
        token: owner.token,
        body,
        headers: { 'content-type': 'application/json' },
      })
    expect((await expectError(post(JSON.stringify({ name: '   ' })), 400, 'invalid_body')).message).toMatch(
      /At name: a version needs a name/,
    )
    expect(
      (await expectError(post(JSON.stringify({ name: 'x'.repeat(121) })), 400, 'invalid_body')).message,
    ).toMatch(/at most 120 characters/)
    await expectError(post(JSON.stringify({ name: 42 })), 400, 'invalid_body')
    await expectError(post(JSON.stringify({})), 400, 'invalid_body')
    await expectError(post('{not json'), 400, 'invalid_json')
    await expectError(post(''), 400, 'invalid_json')
    const listed = await t.json<{ versions: VersionRecord[] }>(
      t.request(versionsOf(board.id), { token: owner.token }),
    )
    expect(listed.versions).toEqual([])
  })

  it('lets only the owner save and restore; anyone else gets a 403 and changes nothing', async () => {
    const { t, board, owner, member, leader } = await setUp()
    const saved = await saveVersion(t, board.id, owner.token, 'Mine')
    for (const token of [member.token, leader.token, board.invites.viewer, board.invites.member]) {
      await expectError(
        t.request(versionsOf(board.id), { method: 'POST', token, json: { name: 'Theirs' } }),
        403,
        'forbidden',
      )
      await expectError(
        t.request(`${versionsOf(board.id)}/${saved.id}/restore`, { method: 'POST', token }),
        403,
        'forbidden',
      )
    }
    await expectError(t.request(versionsOf(board.id)), 401, 'unauthorized')
    await expectError(
      t.request(versionsOf(board.id), { method: 'POST', json: { name: 'Anonymous' } }),
      401,
      'unauthorized',
    )
    const listed = await t.json<{ versions: VersionRecord[] }>(
      t.request(versionsOf(board.id), { token: member.token }),
    )
    expect(listed.versions.map((v) => v.name)).toEqual(['Mine'])
  })

  it('answers 404 for an unknown version, a version of another board and an unknown board', async () => {
    const { t, board, owner } = await setUp()
    const other = await t.createBoard('Other')
    const theirs = await saveVersion(t, other.id, other.invites.owner, 'X')
    for (const id of ['nope', theirs.id, 'not-an-id!']) {
      await expectError(t.request(`${versionsOf(board.id)}/${id}`, { token: owner.token }), 404, 'not_found')
      await expectError(
        t.request(`${versionsOf(board.id)}/${id}/restore`, { method: 'POST', token: owner.token }),
        404,
        'not_found',
      )
    }
    await expectError(t.request(versionsOf('AAAAAAAAAAAAAAAA'), { token: owner.token }), 404, 'not_found')
    // The other board's version was not restored or copied anywhere.
    const listed = await t.json<{ versions: VersionRecord[] }>(
      t.request(versionsOf(board.id), { token: owner.token }),
    )
    expect(listed.versions).toEqual([])
  })

  it('restores a version live, after saving the current state as a backup, and keeps later comments', async () => {
    const { t, board, owner, member } = await setUp()
    const client = await t.connect(board.id, member.token)
    addCard(client.doc, { kind: 'initiative', title: 'Partner webinars', stageId: 'acquire', id: 'c1' })
    await settle(10)
    const saved = await saveVersion(t, board.id, owner.token, 'Before Q3 review')
    moveCard(client.doc, { cardId: 'c1', toStageId: 'retain', index: 0 })
    addCard(client.doc, { kind: 'initiative', title: 'Added later', stageId: 'refer', id: 'c2' })
    addComment(client.doc, {
      cardId: 'c1',
      text: 'Kept after a restore',
      author: { id: member.member.id, name: 'Mo' },
    })
    await settle(10)

    const restored = await t.json<{ restored: VersionRecord; backup: VersionRecord }>(
      t.request(`${versionsOf(board.id)}/${saved.id}/restore`, {
        method: 'POST',
        token: owner.token,
      }),
    )
    expect(restored.restored).toEqual(saved)
    expect(restored.backup).toMatchObject({ name: 'Before restoring “Before Q3 review”', cardCount: 2 })
    await settle(10)
    const live = readBoard(client.doc)
    expect(live.cards.map((c) => [c.id, c.stageId])).toEqual([['c1', 'acquire']])
    expect(live.comments.map((c) => c.text)).toEqual(['Kept after a restore'])

    // The backup holds the state the restore replaced: restoring it undoes the restore.
    await t.json(
      t.request(`${versionsOf(board.id)}/${restored.backup.id}/restore`, {
        method: 'POST',
        token: owner.token,
      }),
    )
    await settle(10)
    expect(readBoard(client.doc).cards.map((c) => [c.id, c.stageId])).toEqual([
      ['c1', 'retain'],
      ['c2', 'refer'],
    ])

    const feed = await t.json<{ activity: { actor: { name: string }; line: string }[] }>(
      t.request(`/api/boards/${board.id}/activity`, { token: member.token }),
    )
    expect(feed.activity.slice(0, 2).map((e) => `${e.actor.name} ${e.line}`)).toEqual([
      'Olivia restored version “Before restoring “Before Q3 review””',
      'Olivia restored version “Before Q3 review”',
    ])
  })
})
