// REST calls against a running test server, with a token and a JSON body, answering status and JSON.

import type { TestServer } from './server.js'

export interface ApiResponse<T = unknown> {
  status: number
  body: T
}

export async function api<T = Record<string, unknown>>(
  server: TestServer,
  path: string,
  init: { method?: string; token?: string; json?: unknown } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {}
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`
  if (init.json !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${server.http}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  })
  const text = await res.text()
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T }
}
