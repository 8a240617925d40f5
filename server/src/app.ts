// The HTTP application: createApp(deps) wires REST, sync, health and the client together. It holds
// no globals and never listens (main.ts does), so tests drive it through app.request().

import { Hono } from 'hono'
import type { ActivityLog } from './activity/activityLog.js'
import { Decisions } from './approvals/decisions.js'
import { errorHandler, notFound } from './http/apiError.js'
import type { Logger } from './log.js'
import { Membership } from './members/membership.js'
import type { Metrics } from './metrics.js'
import { activityRoutes } from './routes/activity.js'
import { boardRoutes } from './routes/boards.js'
import { clientRoutes } from './routes/client.js'
import { decisionRoutes } from './routes/decisions.js'
import { healthRoutes } from './routes/health.js'
import { memberRoutes } from './routes/members.js'
import { sampleRoutes } from './routes/sample.js'
import { type AnyUpgradeWebSocket, syncRoutes } from './routes/sync.js'
import { versionRoutes } from './routes/versions.js'
import type { Storage } from './storage/storage.js'
import type { Rooms } from './sync/rooms.js'
import { Versions } from './versions/versions.js'

export interface AppDeps {
  storage: Storage
  /** The loaded boards; give them `cardsChangedHandler({ activity })` so edits reach the feed. */
  rooms: Rooms
  /** The activity feed, shared with the rooms' handler. */
  activity: ActivityLog
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

  const membership = new Membership(deps)
  const decisions = new Decisions(deps)
  app.route('/api', boardRoutes(deps))
  app.route('/api', memberRoutes({ ...deps, membership }))
  app.route('/api', decisionRoutes({ ...deps, decisions }))
  app.route('/api', activityRoutes(deps))
  app.route('/api', sampleRoutes(deps))
  app.route('/api', versionRoutes({ ...deps, versions: new Versions(deps) }))
  app.all('/api/*', (c) => notFound(c))
  app.route(
    '/',
    healthRoutes({ metrics: deps.metrics, isReady: deps.isReady ?? (() => deps.storage.isOpen()) }),
  )
  app.route('/', syncRoutes(deps))
  app.route('/', clientRoutes(deps))
  return app
}

export { ActivityLog } from './activity/activityLog.js'
export { cardsChangedHandler } from './approvals/cardsChangedHandler.js'
export { createLogger, type Logger, silentLogger } from './log.js'
export { createMetrics, type Metrics } from './metrics.js'
export { createMemoryStorage } from './storage/memory.js'
export { openSqliteStorage } from './storage/sqlite.js'
export type { Storage, VersionRecord } from './storage/storage.js'
export { CLOSE_CODES } from './sync/room.js'
export { Rooms } from './sync/rooms.js'
