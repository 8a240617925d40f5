import { readBoard } from '@tideboard/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { settle } from '../testing/fakeClient.js'
import { createTestApp, expectError, type TestApp } from '../testing/testApp.js'

let t: TestApp
afterEach(async () => {
  await t.dispose()
})

function setup() {
  t = createTestApp()
  return t
}

const boardDoc = (boardId: string) => t.rooms.withDoc(boardId, (doc) => readBoard(doc))

describe('POST /api/boards/:id/join', () => {
  it('turns an invite into a member with a personal token that names them', async () => {
    const { createBoard, invite, join, request, json } = setup()
    const board = await createBoard()
    const leaderInvite = await invite(board, { role: 'leader', function: 'Sales' })
    const joined = await join(board.id, leaderInvite, '  Dee  ')
    expect(joined.member).toMatchObject({ name: 'Dee', role: 'leader', function: 'Sales' })
    expect(joined.token).not.toBe(leaderInvite)
    const me = await json(request(`/api/boards/${board.id}`, { token: joined.token }))
    expect(me).toEqual({
      id: board.id,
      title: 'Plan',
      role: 'leader',
      function: 'Sales',
      name: 'Dee',
      memberId: joined.member.id,
    })
    const doc = await boardDoc(board.id)
    expect(doc.members).toEqual([
      {
        id: joined.member.id,
        name: 'Dee',
        role: 'leader',
        function: 'Sales',
        joinedAt: expect.any(String),
        revokedAt: null,
      },
    ])
  })

  it('takes the name from the invite when none is given, and needs one otherwise', async () => {
    const { createBoard, invite, request, json } = setup()
    const board = await createBoard()
    const named = await invite(board, { role: 'member', name: 'Mo' })
    const joined = await json<{ member: { name: string } }>(
      request(`/api/boards/${board.id}/join`, { method: 'POST', token: named, json: {} }),
      201,
    )
    expect(joined.member.name).toBe('Mo')
    const path = `/api/boards/${board.id}/join`
    await expectError(request(path, { method: 'POST', token: board.invites.member, json: {} }), 400)
    await expectError(
      request(path, { method: 'POST', token: board.invites.member, json: { name: '   ' } }),
      400,
      'invalid_body',
    )
    await expectError(
      request(path, { method: 'POST', token: board.invites.member, json: { name: 'x'.repeat(101) } }),
      400,
    )
    await expectError(
      request(path, { method: 'POST', token: board.invites.member, body: '{' }),
      400,
      'invalid_json',
    )
    await expectError(
      request(path, { method: 'POST', token: board.invites.member, json: { name: 'y'.repeat(70_000) } }),
      413,
    )
  })

  it('refuses a personal token (409), no token (401), a revoked invite (403) and an unknown board (404)', async () => {
    const { createBoard, join, request, storage } = setup()
    const board = await createBoard()
    const joined = await join(board.id, board.invites.member, 'Mo')
    const path = `/api/boards/${board.id}/join`
    await expectError(
      request(path, { method: 'POST', token: joined.token, json: { name: 'Again' } }),
      409,
      'already_member',
    )
    await expectError(request(path, { method: 'POST', json: { name: 'Anon' } }), 401)
    const viewerInvite = (await storage.listInvites(board.id)).find((i) => i.role === 'viewer')
    await storage.revokeInvite(viewerInvite?.id ?? '', new Date().toISOString())
    await expectError(
      request(path, { method: 'POST', token: board.invites.viewer, json: { name: 'V' } }),
      403,
    )
    await expectError(
      request('/api/boards/AAAAAAAAAAAAAAAA/join', {
        method: 'POST',
        token: board.invites.member,
        json: { name: 'M' },
      }),
      404,
    )
  })
})

describe('GET /api/boards/:id/members', () => {
  it('shows the owner who joined, with which role, and every invite with its link', async () => {
    const { createBoard, invite, join, request, json } = setup()
    const board = await createBoard()
    const salesInvite = await invite(board, { role: 'leader', function: 'Sales', name: 'Dee' })
    const dee = await join(board.id, salesInvite, 'Dee')
    await join(board.id, board.invites.member, 'Mo')
    const listing = await json<{
      members: { id: string; name: string; role: string; function: string | null; revokedAt: null }[]
      invites: {
        role: string
        function: string | null
        joined: number
        token: string | null
        url: string | null
      }[]
    }>(request(`/api/boards/${board.id}/members`, { token: board.invites.owner }))
    expect(listing.members.map((m) => [m.name, m.role, m.function])).toEqual([
      ['Dee', 'leader', 'Sales'],
      ['Mo', 'member', null],
    ])
    expect(listing.members[0]?.id).toBe(dee.member.id)
    expect(listing.invites.map((i) => [i.role, i.function, i.joined])).toEqual([
      ['owner', null, 0],
      ['member', null, 1],
      ['viewer', null, 0],
      ['leader', 'Sales', 1],
    ])
    // The same link the invite was made with, so the owner can copy it again.
    expect(listing.invites[3]?.token).toBe(salesInvite)
    expect(listing.invites[1]?.url).toBe(`http://localhost/b/${board.id}#token=${board.invites.member}`)
  })

  it('is for owners only', async () => {
    const { createBoard, join, request } = setup()
    const board = await createBoard()
    const mo = await join(board.id, board.invites.member, 'Mo')
    const path = `/api/boards/${board.id}/members`
    await expectError(request(path, { token: board.invites.member }), 403, 'forbidden')
    await expectError(request(path, { token: mo.token }), 403)
    await expectError(request(path, { token: board.invites.viewer }), 403)
    await expectError(request(path), 401)
  })
})

describe('PATCH /api/boards/:id/members/:memberId', () => {
  it('changes the role in the table and the document; the table wins over the token', async () => {
    const { createBoard, invite, join, request, json } = setup()
    const board = await createBoard()
    const dee = await join(board.id, await invite(board, { role: 'leader', function: 'Sales' }), 'Dee')
    const path = `/api/boards/${board.id}/members/${dee.member.id}`
    const changed = await json<{ member: { role: string; function: string | null } }>(
      request(path, { method: 'PATCH', token: board.invites.owner, json: { role: 'member' } }),
    )
    expect(changed.member).toMatchObject({ role: 'member', function: 'Sales' })
    const me = await json<{ role: string }>(request(`/api/boards/${board.id}`, { token: dee.token }))
    expect(me.role).toBe('member')
    expect((await boardDoc(board.id)).members[0]?.role).toBe('member')
    const back = await json<{ member: { role: string; function: string | null } }>(
      request(path, {
        method: 'PATCH',
        token: board.invites.owner,
        json: { role: 'leader', function: 'Product' },
      }),
    )
    expect(back.member).toMatchObject({ role: 'leader', function: 'Product' })
  })

  it('refuses a leader without a function, bad bodies, unknown members and non-owners', async () => {
    const { createBoard, join, request } = setup()
    const board = await createBoard()
    const mo = await join(board.id, board.invites.member, 'Mo')
    const path = `/api/boards/${board.id}/members/${mo.member.id}`
    const patch = (json: unknown, token = board.invites.owner) =>
      request(path, { method: 'PATCH', token, json })
    await expectError(patch({ role: 'leader' }), 400, 'invalid_body')
    await expectError(patch({ role: 'admin' }), 400, 'invalid_body')
    await expectError(patch({ role: 'viewer' }, mo.token), 403)
    await expectError(
      request(`/api/boards/${board.id}/members/NoSuchMember0000`, {
        method: 'PATCH',
        token: board.invites.owner,
        json: { role: 'viewer' },
      }),
      404,
    )
    await expectError(
      request(`/api/boards/${board.id}/members/bad!id`, {
        method: 'PATCH',
        token: board.invites.owner,
        json: { role: 'viewer' },
      }),
      404,
    )
  })

  it('applies a role change to the person’s open socket at once', async () => {
    const { createBoard, join, request, connect } = setup()
    const board = await createBoard()
    const mo = await join(board.id, board.invites.member, 'Mo')
    const client = await connect(board.id, mo.token)
    const path = `/api/boards/${board.id}/members/${mo.member.id}`
    await request(path, { method: 'PATCH', token: board.invites.owner, json: { role: 'viewer' } })
    client.doc.getMap('extra').set('note', 'after demotion')
    await settle(10)
    expect(client.closed).toEqual({ code: 4403, reason: 'viewers cannot edit' })
  })
})

describe('revoking people and invites', () => {
  it('refuses a revoked member’s next request and closes their open socket with 4403', async () => {
    const { createBoard, join, request, json, connect } = setup()
    const board = await createBoard()
    const mo = await join(board.id, board.invites.member, 'Mo')
    const client = await connect(board.id, mo.token)
    const other = await connect(board.id, board.invites.member)
    const revoked = await json<{ member: { revokedAt: string | null } }>(
      request(`/api/boards/${board.id}/members/${mo.member.id}`, {
        method: 'DELETE',
        token: board.invites.owner,
      }),
    )
    expect(revoked.member.revokedAt).toEqual(expect.any(String))
    expect(client.closed).toEqual({ code: 4403, reason: 'access revoked' })
    expect(other.closed).toBeNull()
    await expectError(request(`/api/boards/${board.id}`, { token: mo.token }), 403, 'forbidden')
    expect((await boardDoc(board.id)).members[0]?.revokedAt).toEqual(expect.any(String))
    // The invite Mo joined through still works for others.
    expect((await request(`/api/boards/${board.id}`, { token: board.invites.member })).status).toBe(200)
  })

  it('revokes an invite link: its sockets close, people who joined through it stay', async () => {
    const { createBoard, join, request, json, connect, storage } = setup()
    const board = await createBoard()
    const mo = await join(board.id, board.invites.member, 'Mo')
    const linkClient = await connect(board.id, board.invites.member)
    const moClient = await connect(board.id, mo.token)
    const inviteId = (await storage.listInvites(board.id)).find((i) => i.role === 'member')?.id ?? ''
    const res = await json<{ invite: { id: string; revokedAt: string | null } }>(
      request(`/api/boards/${board.id}/invites/${inviteId}`, {
        method: 'DELETE',
        token: board.invites.owner,
      }),
    )
    expect(res.invite).toMatchObject({ id: inviteId, revokedAt: expect.any(String) })
    expect(linkClient.closed).toEqual({ code: 4403, reason: 'access revoked' })
    expect(moClient.closed).toBeNull()
    await expectError(request(`/api/boards/${board.id}`, { token: board.invites.member }), 403)
    expect((await request(`/api/boards/${board.id}`, { token: mo.token })).status).toBe(200)
    await expectError(
      request(`/api/boards/${board.id}/join`, {
        method: 'POST',
        token: board.invites.member,
        json: { name: 'Late' },
      }),
      403,
    )
  })

  it('never leaves a board without an owner (409), and needs the owner for any of it', async () => {
    const { createBoard, join, request, storage } = setup()
    const board = await createBoard()
    const olu = await join(board.id, board.invites.owner, 'Olu')
    const ownerInvite = (await storage.listInvites(board.id)).find((i) => i.role === 'owner')?.id ?? ''
    // Olu (a member) is still an owner, so the owner link can go.
    const revokeLink = await request(`/api/boards/${board.id}/invites/${ownerInvite}`, {
      method: 'DELETE',
      token: olu.token,
    })
    expect(revokeLink.status).toBe(200)
    const self = `/api/boards/${board.id}/members/${olu.member.id}`
    await expectError(
      request(self, { method: 'PATCH', token: olu.token, json: { role: 'member' } }),
      409,
      'last_owner',
    )
    await expectError(request(self, { method: 'DELETE', token: olu.token }), 409, 'last_owner')
    const mo = await join(board.id, board.invites.member, 'Mo')
    await expectError(request(self, { method: 'DELETE', token: mo.token }), 403)
    await expectError(
      request(`/api/boards/${board.id}/members/NoSuchMember0000`, { method: 'DELETE', token: olu.token }),
      404,
    )
    await expectError(
      request(`/api/boards/${board.id}/invites/NoSuchInvite0000`, { method: 'DELETE', token: olu.token }),
      404,
    )
    // Promote Mo; now Olu may step down.
    await request(`/api/boards/${board.id}/members/${mo.member.id}`, {
      method: 'PATCH',
      token: olu.token,
      json: { role: 'owner' },
    })
    expect(
      (await request(self, { method: 'PATCH', token: olu.token, json: { role: 'member' } })).status,
    ).toBe(200)
  })
})
