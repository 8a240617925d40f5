// Messages between the benchmark's coordinator and its load-generating child processes.

import type { ServerKind } from './serverProcess.js'

export interface ClientSpec {
  /** Unique per client in a run; names the card this client edits. */
  key: string
  /** ws://host:port/sync */
  wsBase: string
  room: string
  token: string | null
}

export type Command =
  | { op: 'open'; specs: ClientSpec[]; concurrency: number }
  | { op: 'run'; intervalMs: number; durationMs: number }
  | { op: 'collect' }
  | { op: 'watchResync'; timeoutMs: number }
  | {
      op: 'cycles'
      kind: ServerKind
      http: string
      wsBase: string
      count: number
      concurrency: number
      prefix: string
    }
  | { op: 'close' }

export type Reply =
  | { op: 'opened'; ok: number; failed: number; ms: number }
  | { op: 'ran'; sentByRoom: Record<string, number>; sent: number }
  | { op: 'collected'; received: number; latencies: Float64Array }
  | { op: 'watching' }
  | { op: 'resynced'; times: number[]; missing: number }
  | { op: 'cycled'; done: number; failed: number; ms: number }
  | { op: 'closed' }
  | { op: 'error'; message: string }

/** A monotonic clock shared by every process on the machine (CLOCK_MONOTONIC), in ms. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6
}
