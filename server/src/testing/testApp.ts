// Test support: the whole app over in-memory storage, with helpers to call it through app.request,
// create boards and invites, and attach in-memory y-websocket clients to its rooms by token.

import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { ActivityLog } from '../activity/activityLog.js'
import { type AppDeps, createApp } from '../app.js'
import { cardsChangedHandler } from '../approvals/cardsChangedHandler.js'
import { authorize } from '../auth/access.js'
import { silentLogger } from '../log.js'
import { createMetrics } from '../metrics.js'
import { createMemoryStorage } from '../storage/memory.js'
import { Rooms } from '../sync/rooms.js'
import { FakeClient, settle } from './fakeClient.js'

export interface RequestInitWith extends RequestInit {
  token?: string
  json?: unknown
}

export interface TestBoard {
  id: string
  title: string
  invites: { owner: string; member: string; viewer: string }
}

export function createTestApp(overrides: Partial<AppDeps> = {}) {
  const storage = createMemoryStorage()
  const metrics = createMetrics()
  const activity = new ActivityLog(storage, silentLogger)
  const rooms = new Rooms({
    storage,
    metrics,
    logger: silentLogger,
    maxFrameBytes: 1024 * 1024,
    compactEvery: 500,
    idleMs: 10,
    onCardsChanged: cardsChangedHandler({ activity, logger: silentLogger }),
  })
  const cleanups: (() => Promise<void> | void)[] = [() => rooms.shutdown()]
  const deps: AppDeps = {
    storage,
    rooms,
    activity,
    secret: new Uint8Array(randomBytes(32)),
    metrics,
    logger: silentLogger,
    adminToken: null,
    clientDir: null,
    ...overrides,
  }
  const app = createApp(deps)

  const request = (path: string, init: RequestInitWith = {}) => {
    const headers = new Headers(init.headers)
    if (init.token !== undefined) headers.set('Authorization', `Bearer ${init.token}`)
    const body = init.json === undefined ? init.body : JSON.stringify(init.json)
    if (init.json !== undefined) headers.set('Content-Type', 'application/json')
    return app.request(`http://localhost${path}`, {
      ...init,
      headers,
      ...(body === undefined ? {} : { body }),
    })
  }

  const json = async <T>(res: Response | Promise<Response>, status = 200): Promise<T> => {
    const response = await res
    const text = await response.text()
    expect(response.status, text).toBe(status)
    return JSON.parse(text) as T
  }

  const createBoard = (title = 'Plan') =>
    json<TestBoard>(request('/api/boards', { method: 'POST', json: { title } }), 201)

  const invite = async (board: TestBoard, body: { role: string; function?: string; name?: string }) =>
    (
      await json<{ token: string }>(
        request(`/api/boards/${board.id}/invites`, {
          method: 'POST',
          token: board.invites.owner,
          json: body,
        }),
        201,
      )
    ).token

  const join = (boardId: string, token: string, name: string) =>
    json<{ token: string; member: { id: string; name: string; role: string; function: string | null } }>(
      request(`/api/boards/${boardId}/join`, { method: 'POST', token, json: { name } }),
      201,
    )

  /** An in-memory y-websocket client connected to the board's room as the token's holder. */
  const connect = async (boardId: string, token: string) => {
    const access = await authorize(storage, deps.secret, boardId, token)
    if (!access.ok) throw new Error(`cannot connect: ${access.error.message}`)
    const client = new FakeClient()
    const handle = rooms.connect(boardId, client.socket, access.value)
    client.attach((data) => handle.receive(data))
    cleanups.push(() => {
      handle.close()
      client.destroy()
    })
    await settle(10)
    return client
  }

  const dispose = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  }

  return { app, deps, storage, rooms, activity, request, json, createBoard, invite, join, connect, dispose }
}

export type TestApp = ReturnType<typeof createTestApp>

export async function expectError(res: Response | Promise<Response>, status: number, code?: string) {
  const response = await res
  const text = await response.text()
  expect(response.status, text).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/application\/json/)
  const body = JSON.parse(text) as { error: { code: string; message: string } }
  expect(body.error.message.length).toBeGreaterThan(0)
  if (code) expect(body.error.code).toBe(code)
  return body.error
}
