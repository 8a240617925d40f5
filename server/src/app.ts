// The HTTP application: createApp(deps) wires REST, sync, health and the client together. It holds
// no globals and never listens (main.ts does), so tests drive it through app.request().

import { Hono } from 'hono'
import { errorHandler, notFound } from './http/apiError.js'
import type { Logger } from './log.js'
import type { Metrics } from './metrics.js'
import { boardRoutes } from './routes/boards.js'
import { clientRoutes } from './routes/client.js'
import { healthRoutes } from './routes/health.js'
import { sampleRoutes } from './routes/sample.js'
import { type AnyUpgradeWebSocket, syncRoutes } from './routes/sync.js'
import type { Storage } from './storage/storage.js'
import type { Rooms } from './sync/rooms.js'

export interface AppDeps {
  storage: Storage
  rooms: Rooms
  /** The HMAC key for invite tokens. */
  secret: Uint8Array
  metrics: Metrics
  logger: Logger
  /** When set, creating and importing boards needs `Authorization: Bearer <adminToken>`. */
  adminToken: string | null
  /** The built client (client/dist), or null to serve only the "not built" page. */
  clientDir: string | null
  /** The transport's websocket upgrade; without it /sync answers 400. */
  upgradeWebSocket?: AnyUpgradeWebSocket
  /** Readiness for /healthz; defaults to "storage is open". */
  isReady?: () => boolean
  maxImportBytes?: number
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono()
  app.onError(errorHandler(deps.logger))
  app.notFound(notFound)

  app.route('/api', boardRoutes(deps))
  app.route('/api', sampleRoutes(deps))
  app.all('/api/*', (c) => notFound(c))
  app.route(
    '/',
    healthRoutes({ metrics: deps.metrics, isReady: deps.isReady ?? (() => deps.storage.isOpen()) }),
  )
  app.route('/', syncRoutes(deps))
  app.route('/', clientRoutes(deps))
  return app
}

export { createLogger, type Logger, silentLogger } from './log.js'
export { createMetrics, type Metrics } from './metrics.js'
export { createMemoryStorage } from './storage/memory.js'
export { openSqliteStorage } from './storage/sqlite.js'
export type { Storage } from './storage/storage.js'
export { CLOSE_CODES } from './sync/room.js'
export { Rooms } from './sync/rooms.js'
