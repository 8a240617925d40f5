// Server settings read from the environment once, at start; everything else receives them as values.

import { fail, ok, type Result } from '@tideboard/shared'
import { isLogLevel, type LogLevel } from './log.js'

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
}

const MIB = 1024 * 1024

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
  const roomIdleMs = integer(env, 'ROOM_IDLE_MS', 30_000, 0, 24 * 60 * 60 * 1000)
  if (!roomIdleMs.ok) return roomIdleMs
  const maxFrameBytes = integer(env, 'MAX_FRAME_BYTES', MIB, 1024, 64 * MIB)
  if (!maxFrameBytes.ok) return maxFrameBytes
  const compactEvery = integer(env, 'COMPACT_EVERY', 500, 1, 1_000_000)
  if (!compactEvery.ok) return compactEvery
  const logLevel = (env.LOG_LEVEL ?? 'info').trim().toLowerCase()
  if (!isLogLevel(logLevel)) return fail(`LOG_LEVEL must be debug, info, warn, error or silent`)
  const adminToken = env.TIDEBOARD_ADMIN_TOKEN?.trim() ?? ''
  return ok({
    port: port.value,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: env.DATA_DIR?.trim() || './data',
    adminToken: adminToken === '' ? null : adminToken,
    roomIdleMs: roomIdleMs.value,
    logLevel,
    maxFrameBytes: maxFrameBytes.value,
    compactEvery: compactEvery.value,
  })
}
