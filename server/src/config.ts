// Server settings read from the environment once, at start; everything else receives them as values.

import { fail, ok, type Result } from '@tideboard/shared'
import { isLogLevel, type LogLevel } from './log.js'
import { DEFAULT_LIMITS, type Limits } from './sync/limits.js'

export interface Config {
  port: number
  host: string
  dataDir: string
  adminToken: string | null
  roomIdleMs: number
  logLevel: LogLevel
  /** Largest websocket frame accepted; bigger ones close that socket with 1009. */
  maxFrameBytes: number
  /** Update rows a loaded room may accumulate before it is compacted into a snapshot. */
  compactEvery: number
  /** postgres://… : PostgreSQL storage shared by instances; SQLite in dataDir when null. */
  databaseUrl: string | null
  /** redis://… : fan-out to other instances through Redis; in-process when null. */
  redisUrl: string | null
  /** Prefix of the Redis channels, so deployments can share a Redis. */
  redisPrefix: string
  /** The token-signing key from TIDEBOARD_SECRET; otherwise kept in storage (PostgreSQL) or dataDir. */
  secret: string | null
  /** Per-connection limits on the sync socket. */
  limits: Limits
  /** Most boards loaded in this process at once. */
  maxRooms: number
}

const MIB = 1024 * 1024

/** Each limit's environment variable and accepted range. */
const LIMIT_VARIABLES: [keyof Limits, string, number, number][] = [
  ['messagesPerSecond', 'MAX_MESSAGES_PER_SECOND', 1, 100_000],
  ['messageBurst', 'MAX_MESSAGE_BURST', 1, 1_000_000],
  ['awarenessPerSecond', 'MAX_PRESENCE_PER_SECOND', 1, 10_000],
  ['maxAwarenessBytes', 'MAX_PRESENCE_BYTES', 256, MIB],
  ['maxBufferedBytes', 'MAX_BUFFERED_BYTES', 64 * 1024, 1024 * MIB],
]

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return ok(fallback)
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    return fail(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
  }
  return ok(value)
}

export function readConfig(env: NodeJS.ProcessEnv): Result<Config> {
  const port = integer(env, 'PORT', 8787, 0, 65535)
  if (!port.ok) return port
  // 25 s: a board leaves memory within 30 s of its last client, timer and final compaction included.
  const roomIdleMs = integer(env, 'ROOM_IDLE_MS', 25_000, 0, 24 * 60 * 60 * 1000)
  if (!roomIdleMs.ok) return roomIdleMs
  const maxFrameBytes = integer(env, 'MAX_FRAME_BYTES', MIB, 1024, 64 * MIB)
  if (!maxFrameBytes.ok) return maxFrameBytes
  const compactEvery = integer(env, 'COMPACT_EVERY', 500, 1, 1_000_000)
  if (!compactEvery.ok) return compactEvery
  const limits: Limits = { ...DEFAULT_LIMITS }
  for (const [key, name, min, max] of LIMIT_VARIABLES) {
    const value = integer(env, name, DEFAULT_LIMITS[key], min, max)
    if (!value.ok) return value
    limits[key] = value.value
  }
  const maxRooms = integer(env, 'MAX_ROOMS', 5000, 1, 1_000_000)
  if (!maxRooms.ok) return maxRooms
  const logLevel = (env.LOG_LEVEL ?? 'info').trim().toLowerCase()
  if (!isLogLevel(logLevel)) return fail(`LOG_LEVEL must be debug, info, warn, error or silent`)
  const adminToken = env.TIDEBOARD_ADMIN_TOKEN?.trim() ?? ''
  const databaseUrl = env.DATABASE_URL?.trim() || null
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return fail('DATABASE_URL must be a postgres:// or postgresql:// URL')
  }
  const redisUrl = env.REDIS_URL?.trim() || null
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl))
    return fail('REDIS_URL must be a redis:// or rediss:// URL')
  const secret = env.TIDEBOARD_SECRET?.trim() || null
  if (secret !== null && secret.length < 32) return fail('TIDEBOARD_SECRET must be at least 32 characters')
  return ok({
    port: port.value,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: env.DATA_DIR?.trim() || './data',
    adminToken: adminToken === '' ? null : adminToken,
    roomIdleMs: roomIdleMs.value,
    logLevel,
    maxFrameBytes: maxFrameBytes.value,
    compactEvery: compactEvery.value,
    databaseUrl,
    redisUrl,
    redisPrefix: env.REDIS_PREFIX?.trim() || 'tideboard',
    secret,
    limits,
    maxRooms: maxRooms.value,
  })
}
