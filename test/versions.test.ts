// Named versions against a real server process with stock y-websocket clients: the owner saves a
// version, everyone lists and reads it, later work shows up as exactly its diff, and a restore reaches
// every connected client live as a new change on top (the comment made after the version stays, the
// state it replaced is kept as a backup version, the feed says who restored what). Everything
// survives a restart of the server.

import type { VersionRecord as Version } from '@tideboard/server'
import {
  addCard,
  addCheckIn,
  addComment,
  addKpi,
  diffBoards,
  moveCard,
  readBoard,
  updateCard,
} from '@tideboard/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { api } from './support/api.js'
import { createBoard, TestServer } from './support/server.js'
import { connect, eventually, synced } from './support/yclient.js'

interface Joined {
  token: string
  member: { id: string; name: string }
}

const ok = <T>(res: { status: number; body: T }, status = 200): T => {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  return res.body
}

describe('named versions of a board', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await new TestServer().start()
  })
  afterAll(async () => {
    await server.dispose()
  })

  it('saves, lists, diffs and restores a version live, keeping later comments, across a restart', async () => {
    const board = await createBoard(server, 'FY27 growth plan')
    const join = async (token: string, name: string) =>
      ok(
        await api<Joined>(server, `/api/boards/${board.id}/join`, { method: 'POST', token, json: { name } }),
        201,
      )
    const owner = await join(board.invites.owner, 'Olivia')
    const member = await join(board.invites.member, 'Mo')
    const versions = `/api/boards/${board.id}/versions`

    const m = connect(server.ws, board.id, member.token)
    const v = connect(server.ws, board.id, board.invites.viewer)
    await Promise.all([synced(m), synced(v)])
    addKpi(m.doc, { name: 'Net revenue retention', unit: '%' }, null, 'k1')
    addCheckIn(m.doc, 'k1', '2026-10-01', 101)
    addCard(m.doc, { kind: 'initiative', title: 'Partner webinars', stageId: 'acquire', id: 'c1' })
    addCard(m.doc, { kind: 'hypothesis', title: 'Renewal health review', stageId: 'retain', id: 'c2' })
    await eventually(() => readBoard(v.doc).cards.length === 2, 'the viewer sees both cards')

    const { version } = ok(
      await api<{ version: Version }>(server, versions, {
        method: 'POST',
        token: owner.token,
        json: { name: 'Before Q3 review' },
      }),
      201,
    )
    expect(version).toMatchObject({
      boardId: board.id,
      name: 'Before Q3 review',
      createdBy: owner.member.id,
      createdByName: 'Olivia',
      cardCount: 2,
    })
    expect(ok(await api<{ versions: Version[] }>(server, versions, { token: board.invites.viewer }))).toEqual(
      {
        versions: [version],
      },
    )
    const fetched = ok(
      await api<{ version: Version; state: string }>(server, `${versions}/${version.id}`, {
        token: member.token,
      }),
    )
    const savedDoc = new Y.Doc()
    Y.applyUpdate(savedDoc, Buffer.from(fetched.state, 'base64'))
    const saved = readBoard(savedDoc)
    expect(saved.cards.map((c) => [c.title, c.stageId])).toEqual([
      ['Partner webinars', 'acquire'],
      ['Renewal health review', 'retain'],
    ])

    // Later work: a move, a new card, a status change, a KPI check-in and a comment.
    moveCard(m.doc, { cardId: 'c1', toStageId: 'activate', index: 0 })
    addCard(m.doc, { kind: 'initiative', title: 'Referral bonus', stageId: 'refer', id: 'c3' })
    expect(updateCard(m.doc, 'c2', { status: 'archived' }).ok).toBe(true)
    addCheckIn(m.doc, 'k1', '2026-11-01', 104)
    addComment(m.doc, {
      cardId: 'c1',
      text: 'Moved after the review',
      author: { id: member.member.id, name: 'Mo' },
    })
    await eventually(() => readBoard(v.doc).comments.length === 1, 'the viewer sees the later work')

    expect(diffBoards(saved, readBoard(v.doc))).toEqual({
      added: [{ id: 'c3', title: 'Referral bonus', stageId: 'refer' }],
      removed: [],
      moved: [{ id: 'c1', title: 'Partner webinars', fromStageId: 'acquire', toStageId: 'activate' }],
      statusChanged: [{ id: 'c2', title: 'Renewal health review', from: 'idea', to: 'archived' }],
      retitled: [],
      kpiValues: [{ id: 'k1', name: 'Net revenue retention', from: 101, to: 104 }],
      kpisAdded: [],
      kpisRemoved: [],
    })

    const restored = ok(
      await api<{ restored: Version; backup: Version }>(server, `${versions}/${version.id}/restore`, {
        method: 'POST',
        token: owner.token,
      }),
    )
    expect(restored.restored).toEqual(version)
    expect(restored.backup).toMatchObject({ name: 'Before restoring “Before Q3 review”', cardCount: 3 })

    // Both connected clients receive the restored board live; the later comment is still there.
    for (const client of [m, v]) {
      await eventually(
        () => readBoard(client.doc).cards.every((c) => c.id !== 'c3'),
        'the card added later leaves every screen',
      )
      const live = readBoard(client.doc)
      expect(live.cards.map((c) => [c.id, c.stageId, c.status])).toEqual([
        ['c1', 'acquire', 'idea'],
        ['c2', 'retain', 'idea'],
      ])
      expect(live.kpis[0]?.checkIns).toEqual([{ date: '2026-10-01', value: 101 }])
      expect(live.comments.map((c) => c.text)).toEqual(['Moved after the review'])
      expect(diffBoards(saved, live)).toMatchObject({ added: [], removed: [], moved: [], statusChanged: [] })
    }
    // A restore is a new change on top: the clients' histories still hold the later edits.
    expect(Y.encodeStateVector(m.doc)).not.toEqual(Y.encodeStateVector(savedDoc))

    const listed = ok(await api<{ versions: Version[] }>(server, versions, { token: member.token }))
    expect(listed.versions.map((x) => x.name)).toEqual([
      'Before restoring “Before Q3 review”',
      'Before Q3 review',
    ])
    const backup = ok(
      await api<{ state: string }>(server, `${versions}/${restored.backup.id}`, { token: member.token }),
    )
    const backupDoc = new Y.Doc()
    Y.applyUpdate(backupDoc, Buffer.from(backup.state, 'base64'))
    expect(readBoard(backupDoc).cards.map((c) => c.id)).toEqual(['c1', 'c2', 'c3'])

    const feed = ok(
      await api<{ activity: { actor: { name: string }; line: string }[] }>(
        server,
        `/api/boards/${board.id}/activity`,
        { token: board.invites.viewer },
      ),
    )
    expect(feed.activity[0]).toMatchObject({
      actor: { name: 'Olivia' },
      line: 'restored version “Before Q3 review”',
    })

    m.destroy()
    v.destroy()
    await server.restart()

    const fresh = connect(server.ws, board.id, board.invites.viewer)
    await synced(fresh)
    await eventually(() => readBoard(fresh.doc).cards.length === 2, 'the restored board after a restart')
    const after = readBoard(fresh.doc)
    expect(after.cards.map((c) => [c.id, c.stageId, c.status])).toEqual([
      ['c1', 'acquire', 'idea'],
      ['c2', 'retain', 'idea'],
    ])
    expect(after.comments.map((c) => c.text)).toEqual(['Moved after the review'])
    expect(ok(await api<{ versions: Version[] }>(server, versions, { token: member.token }))).toEqual(listed)
    const again = ok(
      await api<{ state: string }>(server, `${versions}/${version.id}`, { token: board.invites.viewer }),
    )
    expect(again.state).toBe(fetched.state)
    fresh.destroy()
  })
})
