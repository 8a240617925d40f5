// Transaction origins on a room's document: who caused an update decides whether it still has to be
// stored (server edits), published to other instances (everything this instance stored), and who must
// not receive it back (the connection that sent it). `bus` marks what another instance already stored.

export interface ConnectionOrigin<C = unknown> {
  source: 'connection'
  connection: C
}
export type UpdateOrigin<C = unknown> =
  | ConnectionOrigin<C>
  | { source: 'server' }
  | { source: 'storage' }
  | { source: 'bus' }

export const SERVER_ORIGIN = Object.freeze({ source: 'server' as const })
export const STORAGE_ORIGIN = Object.freeze({ source: 'storage' as const })
/** Another instance's update (over the bus, or caught up from storage): durable, to broadcast only. */
export const BUS_ORIGIN = Object.freeze({ source: 'bus' as const })

export function connectionOrigin<C>(connection: C): ConnectionOrigin<C> {
  return { source: 'connection', connection }
}

function hasSource(origin: unknown, source: string): boolean {
  return typeof origin === 'object' && origin !== null && (origin as { source?: unknown }).source === source
}

export function isConnectionOrigin(origin: unknown): origin is ConnectionOrigin {
  return hasSource(origin, 'connection') && 'connection' in (origin as object)
}

export function isStorageOrigin(origin: unknown): origin is { source: 'storage' } {
  return hasSource(origin, 'storage')
}

export function isServerOrigin(origin: unknown): origin is { source: 'server' } {
  return hasSource(origin, 'server')
}

export function isBusOrigin(origin: unknown): origin is { source: 'bus' } {
  return hasSource(origin, 'bus')
}
