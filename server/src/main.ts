// The server process: reads the environment, opens storage, listens for HTTP and websockets, and
// shuts down cleanly on SIGTERM/SIGINT. The only file that listens.

import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve, upgradeWebSocket, type WebSocketServerLike } from '@hono/node-server'
import { collectDefaultMetrics } from 'prom-client'
import { WebSocketServer } from 'ws'
import { ActivityLog } from './activity/activityLog.js'
import { createApp } from './app.js'
import { cardsChangedHandler } from './approvals/cardsChangedHandler.js'
import { currentAccess } from './auth/access.js'
import { loadOrCreateSecret, loadOrCreateSharedSecret, secretFromEnv } from './auth/secret.js'
import { boardUrl } from './boards/createBoard.js'
import { ensureSampleBoard } from './boards/sampleBoard.js'
import type { Bus } from './bus/bus.js'
import { createLocalBus } from './bus/local.js'
import { createRedisBus } from './bus/redis.js'
import { readConfig } from './config.js'
import { createLogger } from './log.js'
import { createMetrics } from './metrics.js'
import { openPostgresStorage } from './storage/postgres.js'
import { openSqliteStorage } from './storage/sqlite.js'
import type { Storage } from './storage/storage.js'
import { Rooms } from './sync/rooms.js'

const SHUTDOWN_TIMEOUT_MS = 10_000

async function main(): Promise<void> {
  const config = readConfig(process.env)
  if (!config.ok) {
    process.stderr.write(`tideboard: ${config.error}\n`)
    process.exit(1)
  }
  const { port, host, dataDir, adminToken, roomIdleMs, logLevel, maxFrameBytes, compactEvery } = config.value
  const { databaseUrl, redisUrl, redisPrefix } = config.value
  const logger = createLogger({ level: logLevel })

  let storage: Storage
  let secret: Uint8Array
  if (databaseUrl !== null) {
    storage = await openPostgresStorage({ connectionString: databaseUrl })
    secret = config.value.secret
      ? secretFromEnv(config.value.secret)
      : await loadOrCreateSharedSecret(storage)
  } else {
    mkdirSync(dataDir, { recursive: true })
    secret = config.value.secret ? secretFromEnv(config.value.secret) : loadOrCreateSecret(dataDir)
    storage = openSqliteStorage(join(dataDir, 'tideboard.db'))
  }
  const bus: Bus =
    redisUrl !== null ? createRedisBus({ url: redisUrl, prefix: redisPrefix, logger }) : createLocalBus()
  logger.info('storage and fan-out', {
    storage: databaseUrl !== null ? 'postgresql' : 'sqlite',
    bus: redisUrl !== null ? 'redis' : 'in-process',
    instanceId: bus.instanceId,
  })
  const metrics = createMetrics()
  collectDefaultMetrics({ register: metrics.registry })
  const activity = new ActivityLog(storage, logger)
  const rooms = new Rooms({
    storage,
    metrics,
    logger,
    maxFrameBytes,
    compactEvery,
    limits: config.value.limits,
    recheckAccess: (principal) => currentAccess(storage, principal),
    maxRooms: config.value.maxRooms,
    idleMs: roomIdleMs,
    bus,
    onCardsChanged: cardsChangedHandler({ activity, logger }),
  })
  await rooms.start()

  const sample = await ensureSampleBoard(storage, secret)

  let ready = false
  const clientDir = fileURLToPath(new URL('../../client/dist/', import.meta.url))
  const app = createApp({
    storage,
    rooms,
    activity,
    secret,
    metrics,
    logger,
    adminToken,
    clientDir,
    upgradeWebSocket,
    isReady: () => ready && storage.isOpen(),
  })

  // ws enforces maxPayload itself: a bigger frame closes that socket with 1009.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes })
  wss.on('connection', (ws) => {
    // A listener so that a socket error can never become an uncaught exception.
    ws.on('error', (error) => logger.debug('websocket error', { error: error.message }))
  })

  const server = serve(
    { fetch: app.fetch, port, hostname: host, websocket: { server: wss as unknown as WebSocketServerLike } },
    (info: AddressInfo) => {
      ready = true
      const url = `http://localhost:${info.port}`
      if (sample) logger.info(`sample board created: ${boardUrl(url, sample.id, sample.ownerToken)}`)
      process.stdout.write(`Tideboard listening on ${url}\n`)
    },
  )
  server.on('error', (error) => {
    logger.error('server error', { error })
    process.exit(1)
  })

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    ready = false
    logger.info('shutting down', { signal })
    setTimeout(() => {
      logger.error('shutdown timed out; exiting')
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS).unref()
    try {
      server.close()
      await rooms.shutdown()
      await activity.flush()
      if ('closeAllConnections' in server) server.closeAllConnections()
      await bus.close()
      await storage.close()
      process.exit(0)
    } catch (error) {
      logger.error('shutdown failed', { error })
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error }))
}

main().catch((error: unknown) => {
  process.stderr.write(
    `tideboard: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
})
