import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SAMPLE_BOARD } from '@tideboard/shared'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppDeps } from './app.js'
import { ensureSampleBoard } from './boards/sampleBoard.js'
import { createTestApp } from './testing/testApp.js'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

function setup(overrides: Partial<AppDeps> = {}) {
  const { app, deps, storage, request, dispose } = createTestApp(overrides)
  cleanups.push(dispose)
  const createBoard = async (title = 'Plan', token?: string) => {
    const res = await request('/api/boards', { method: 'POST', json: { title }, ...(token ? { token } : {}) })
    expect(res.status).toBe(201)
    return (await res.json()) as {
      id: string
      title: string
      invites: { owner: string; member: string; viewer: string }
      urls: { owner: string; member: string; viewer: string }
    }
  }
  return { app, deps, storage, request, createBoard }
}

async function expectError(res: Response, status: number, code?: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/application\/json/)
  const body = (await res.json()) as { error: { code: string; message: string } }
  expect(typeof body.error.message).toBe('string')
  expect(body.error.message.length).toBeGreaterThan(0)
  if (code) expect(body.error.code).toBe(code)
  return body.error
}

describe('POST /api/boards', () => {
  it('creates a board with owner, member and viewer invites and links', async () => {
    const { createBoard, request } = setup()
    const board = await createBoard('  FY27   plan ')
    expect(board.id).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(board.title).toBe('FY27 plan')
    for (const role of ['owner', 'member', 'viewer'] as const) {
      expect(board.urls[role]).toBe(`http://localhost/b/${board.id}#token=${board.invites[role]}`)
      const res = await request(`/api/boards/${board.id}`, { token: board.invites[role] })
      expect(await res.json()).toEqual({ id: board.id, title: 'FY27 plan', role })
    }
  })

  it('stores the default funnel before responding', async () => {
    const { createBoard, request } = setup()
    const board = await createBoard()
    const res = await request(`/api/boards/${board.id}/export?format=json`, { token: board.invites.viewer })
    const file = (await res.json()) as { stages: { id: string }[] }
    expect(file.stages.map((s) => s.id)).toEqual([
      'acquire',
      'activate',
      'engage',
      'retain',
      'expand',
      'refer',
    ])
  })

  it.each([
    ['an empty title', { title: '   ' }],
    ['a missing title', { description: 'x' }],
    ['a long title', { title: 'x'.repeat(201) }],
    ['a non-string title', { title: 42 }],
    ['an array', [1, 2]],
  ])('answers 400 to %s', async (_name, json) => {
    const { request } = setup()
    const error = await expectError(
      await request('/api/boards', { method: 'POST', json }),
      400,
      'invalid_body',
    )
    expect(error.message).toMatch(/title|expected/i)
  })

  it('answers 400 to malformed JSON', async () => {
    const { request } = setup()
    await expectError(
      await request('/api/boards', { method: 'POST', body: '{"title": ' }),
      400,
      'invalid_json',
    )
    await expectError(await request('/api/boards', { method: 'POST' }), 400, 'invalid_json')
  })

  it('answers 413 to a body that is too large', async () => {
    const { request } = setup()
    const res = await request('/api/boards', {
      method: 'POST',
      json: { title: 'x', description: 'y'.repeat(100_000) },
    })
    await expectError(res, 413, 'payload_too_large')
  })

  it('needs the admin token when one is configured', async () => {
    const { request, createBoard } = setup({ adminToken: 'sesame' })
    await expectError(
      await request('/api/boards', { method: 'POST', json: { title: 'x' } }),
      401,
      'unauthorized',
    )
    await expectError(
      await request('/api/boards', { method: 'POST', json: { title: 'x' }, token: 'wrong' }),
      401,
      'unauthorized',
    )
    await createBoard('Allowed', 'sesame')
  })
})

describe('POST /api/boards/:id/invites', () => {
  it('lets an owner invite a member, whose token then works', async () => {
    const { createBoard, request } = setup()
    const board = await createBoard()
    const res = await request(`/api/boards/${board.id}/invites`, {
      method: 'POST',
      token: board.invites.owner,
      json: { role: 'member', name: 'Mo' },
    })
    expect(res.status).toBe(201)
    const invite = (await res.json()) as { token: string; url: string }
    expect(invite.url).toBe(`http://localhost/b/${board.id}#token=${invite.token}`)
    const me = await request(`/api/boards/${board.id}`, { token: invite.token })
    expect(await me.json()).toEqual({ id: board.id, title: 'Plan', role: 'member', name: 'Mo' })
  })

  it('needs a function for a leader invite', async () => {
    const { createBoard, request } = setup()
    const board = await createBoard()
    const path = `/api/boards/${board.id}/invites`
    await expectError(
      await request(path, { method: 'POST', token: board.invites.owner, json: { role: 'leader' } }),
      400,
    )
    const res = await request(path, {
      method: 'POST',
      token: board.invites.owner,
      json: { role: 'leader', function: 'Sales' },
    })
    expect(res.status).toBe(201)
    const { token } = (await res.json()) as { token: string }
    const me = (await (await request(`/api/boards/${board.id}`, { token })).json()) as Record<string, unknown>
    expect(me).toMatchObject({ role: 'leader', function: 'Sales' })
  })

  it('refuses bad bodies, wrong roles, missing or foreign tokens and unknown boards', async () => {
    const { createBoard, request } = setup()
    const board = await createBoard()
    const other = await createBoard('Other')
    const path = `/api/boards/${board.id}/invites`
    const post = (token: string | undefined, json: unknown = { role: 'member' }) =>
      request(path, { method: 'POST', json, ...(token === undefined ? {} : { token }) })
    await expectError(await post(board.invites.owner, { role: 'admin' }), 400, 'invalid_body')
    await expectError(await post(board.invites.member), 403, 'forbidden')
    await expectError(await post(board.invites.viewer), 403, 'forbidden')
    await expectError(await post(undefined), 401, 'unauthorized')
    await expectError(await post('not.a-token'), 401, 'unauthorized')
    await expectError(await post(other.invites.owner), 403, 'forbidden')
    await expectError(
      await request('/api/boards/AAAAAAAAAAAAAAAA/invites', {
        method: 'POST',
        token: board.invites.owner,
        json: { role: 'member' },
      }),
      404,
      'not_found',
    )
    await expectError(
      await request('/api/boards/bad-id!/invites', { method: 'POST', token: board.invites.owner, json: {} }),
      404,
    )
  })
})

describe('GET /api/boards/:id', () => {
  it('refuses a revoked invite and a token for another board', async () => {
    const { createBoard, request, storage } = setup()
    const board = await createBoard()
    const other = await createBoard('Other')
    const payload = JSON.parse(Buffer.from(board.invites.member.split('.')[0] ?? '', 'base64url').toString())
    await storage.revokeInvite(payload.i, new Date().toISOString())
    await expectError(await request(`/api/boards/${board.id}`, { token: board.invites.member }), 403)
    await expectError(await request(`/api/boards/${board.id}`, { token: other.invites.owner }), 403)
    await expectError(await request(`/api/boards/${board.id}`), 401)
    await expectError(await request('/api/boards/BBBBBBBBBBBBBBBB', { token: board.invites.owner }), 404)
  })
})

describe('export and import', () => {
  it('round-trips: export, import, export gives the same file apart from the id', async () => {
    const { request } = setup()
    const imported = await request('/api/boards/import', { method: 'POST', json: SAMPLE_BOARD })
    expect(imported.status).toBe(201)
    const first = (await imported.json()) as { id: string; title: string; invites: { viewer: string } }
    expect(first.title).toBe(SAMPLE_BOARD.board.title)
    const exported1 = await request(`/api/boards/${first.id}/export?format=json`, {
      token: first.invites.viewer,
    })
    expect(exported1.status).toBe(200)
    expect(exported1.headers.get('content-disposition')).toMatch(
      /^attachment; filename=".+\.tideboard\.json"$/,
    )
    const file1 = (await exported1.json()) as { board: { id: string } }
    expect(file1.board.id).toBe(first.id)

    const again = await request('/api/boards/import', { method: 'POST', json: file1 })
    const second = (await again.json()) as { id: string; invites: { owner: string } }
    expect(second.id).not.toBe(first.id)
    const exported2 = await request(`/api/boards/${second.id}/export`, { token: second.invites.owner })
    const file2 = (await exported2.json()) as { board: { id: string } }
    expect({ ...file2, board: { ...file2.board, id: 'x' } }).toEqual({
      ...file1,
      board: { ...file1.board, id: 'x' },
    })
  })

  it.each([
    ['csv', /^text\/csv/, 'Phase,Stage'],
    ['md', /^text\/markdown/, '# Plan A'],
  ] as const)('exports %s as a readable file', async (format, type, start) => {
    const { createBoard, request } = setup()
    const board = await createBoard('Plan A')
    const res = await request(`/api/boards/${board.id}/export?format=${format}`, {
      token: board.invites.viewer,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(type)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="plan-a.${format}"`)
    expect(await res.text()).toContain(start)
  })

  it('accepts the token as a query parameter for download links', async () => {
    const { createBoard, request } = setup()
    const board = await createBoard()
    const res = await request(`/api/boards/${board.id}/export?format=json&token=${board.invites.viewer}`)
    expect(res.status).toBe(200)
  })

  it('answers 400 to an unknown export format and 401 without a token', async () => {
    const { createBoard, request } = setup()
    const board = await createBoard()
    await expectError(
      await request(`/api/boards/${board.id}/export?format=xml`, { token: board.invites.owner }),
      400,
      'invalid_format',
    )
    await expectError(await request(`/api/boards/${board.id}/export?format=json`), 401)
  })

  it('refuses an invalid board file with its validation message', async () => {
    const { request } = setup()
    const bad = { ...SAMPLE_BOARD, stages: [] }
    const error = await expectError(await request('/api/boards/import', { method: 'POST', json: bad }), 400)
    expect(error.message).toMatch(/^At stages/)
    await expectError(
      await request('/api/boards/import', { method: 'POST', body: 'nope' }),
      400,
      'invalid_json',
    )
  })

  it('refuses a board file over the size limit with 413', async () => {
    const { request } = setup({ maxImportBytes: 10_000 })
    const big = { ...SAMPLE_BOARD, board: { ...SAMPLE_BOARD.board, description: 'x'.repeat(20_000) } }
    await expectError(await request('/api/boards/import', { method: 'POST', json: big }), 413)
  })

  it('needs the admin token for import when one is configured', async () => {
    const { request } = setup({ adminToken: 'sesame' })
    await expectError(await request('/api/boards/import', { method: 'POST', json: SAMPLE_BOARD }), 401)
    const res = await request('/api/boards/import', { method: 'POST', json: SAMPLE_BOARD, token: 'sesame' })
    expect(res.status).toBe(201)
  })
})

describe('GET /api/sample', () => {
  it('is 404 before a sample exists, then links to it as owner', async () => {
    const { request, storage, deps } = setup()
    await expectError(await request('/api/sample'), 404)
    await ensureSampleBoard(storage, deps.secret)
    const res = await request('/api/sample')
    expect(res.status).toBe(200)
    const sample = (await res.json()) as { id: string; title: string; url: string }
    expect(sample.title).toBe(SAMPLE_BOARD.board.title)
    const token = sample.url.split('#token=')[1] ?? ''
    expect(sample.url).toBe(`http://localhost/b/${sample.id}#token=${token}`)
    const me = (await (await request(`/api/boards/${sample.id}`, { token })).json()) as { role: string }
    expect(me.role).toBe('owner')
    // Only on first start: a second call creates nothing.
    expect(await ensureSampleBoard(storage, deps.secret)).toBeNull()
  })

  it('is 404 when an admin token is configured', async () => {
    const { request, storage, deps } = setup({ adminToken: 'sesame' })
    await ensureSampleBoard(storage, deps.secret)
    await expectError(await request('/api/sample'), 404)
  })
})

describe('health, metrics, unknown routes', () => {
  it('reports health and Prometheus metrics', async () => {
    const { request } = setup()
    const health = await request('/healthz')
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true })
    const metrics = await request('/metrics')
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/)
    const text = await metrics.text()
    for (const name of [
      'tideboard_rooms_loaded',
      'tideboard_connections_open',
      'tideboard_updates_received_total',
      'tideboard_storage_append_seconds',
    ]) {
      expect(text).toContain(name)
    }
  })

  it('is not healthy when storage is closed', async () => {
    const { request, storage } = setup()
    await storage.close()
    expect((await request('/healthz')).status).toBe(503)
  })

  it('answers unknown API routes with a JSON 404', async () => {
    const { request } = setup()
    await expectError(await request('/api/nope'), 404, 'not_found')
    await expectError(await request('/api/boards'), 404, 'not_found')
    await expectError(await request('/api/boards', { method: 'DELETE' }), 404)
  })

  it('answers a plain GET on /sync with 426 and refuses bad tokens before any upgrade', async () => {
    const { createBoard, request } = setup()
    const board = await createBoard()
    await expectError(await request(`/sync/${board.id}?token=${board.invites.member}`), 426)
    await expectError(await request(`/sync/${board.id}?token=bad`), 401)
    await expectError(await request(`/sync/${board.id}`), 401)
    await expectError(await request('/sync/CCCCCCCCCCCCCCCC?token=bad'), 404)
  })
})

describe('the client', () => {
  it('says so when the client is not built', async () => {
    const { request } = setup()
    const res = await request('/')
    expect(res.status).toBe(200)
    expect(await res.text()).toMatch(/client is not built/)
  })

  it('serves the built client with an SPA fallback and cache headers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tideboard-client-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tideboard</title>')
    writeFileSync(join(dir, 'assets', 'index-AbCd1234.js'), 'console.log(1)')
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>')
    const { request } = setup({ clientDir: dir })

    for (const path of ['/', '/b/AAAAAAAAAAAAAAAA']) {
      const res = await request(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(await res.text()).toContain('<title>Tideboard</title>')
    }
    const js = await request('/assets/index-AbCd1234.js')
    expect(js.headers.get('content-type')).toMatch(/text\/javascript/)
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const svg = await request('/favicon.svg')
    expect(svg.headers.get('content-type')).toBe('image/svg+xml')
    expect(svg.headers.get('cache-control')).toBe('no-cache')
    await expectError(await request('/missing.js'), 404)
    await expectError(await request('/%2e%2e/%2e%2e/etc/passwd'), 404)
  })
})
