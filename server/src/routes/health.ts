// Liveness for process managers (/healthz) and Prometheus metrics (/metrics).

import { Hono } from 'hono'
import { errorResponse } from '../http/apiError.js'
import type { Metrics } from '../metrics.js'

export function healthRoutes(deps: { metrics: Metrics; isReady: () => boolean }): Hono {
  const app = new Hono()
  app.get('/healthz', (c) =>
    deps.isReady() ? c.json({ ok: true }) : errorResponse(c, 503, 'not_ready', 'server is not ready'),
  )
  app.get('/metrics', async (c) => {
    c.header('Content-Type', deps.metrics.registry.contentType)
    c.header('Cache-Control', 'no-store')
    return c.body(await deps.metrics.registry.metrics())
  })
  return app
}
