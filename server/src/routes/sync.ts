// GET /sync/:boardId?token=…: the y-websocket endpoint. Access is decided before the upgrade, so a
// refused client gets a plain HTTP 401/403/404 instead of a socket.

import { type Context, Hono } from 'hono'
import type { UpgradeWebSocket, WSContext, WSEvents } from 'hono/ws'
import { authorize } from '../auth/access.js'
import { ApiError } from '../http/apiError.js'
import { isId } from '../ids.js'
import type { Logger } from '../log.js'
import { REVOKED_REASON } from '../members/membership.js'
import type { Storage } from '../storage/storage.js'
import { CLOSE_CODES, type IncomingData, type SocketLike } from '../sync/room.js'
import type { ConnectionHandle, Rooms } from '../sync/rooms.js'

// The adapter's own socket type does not matter here: the route only uses WSContext.
// biome-ignore lint/suspicious/noExplicitAny: matches any adapter's UpgradeWebSocket
export type AnyUpgradeWebSocket = UpgradeWebSocket<any, any>

export interface SyncRouteDeps {
  storage: Storage
  secret: Uint8Array
  rooms: Rooms
  logger: Logger
  upgradeWebSocket?: AnyUpgradeWebSocket | undefined
}

const OPEN = 1

function socketFor(ws: WSContext<unknown>): SocketLike {
  return {
    send(data) {
      if (ws.readyState === OPEN) ws.send(data as Uint8Array<ArrayBuffer>)
    },
    close(code, reason) {
      if (ws.readyState <= OPEN) ws.close(code, reason)
    },
    bufferedAmount() {
      const raw = ws.raw as { bufferedAmount?: unknown } | undefined
      return typeof raw?.bufferedAmount === 'number' ? raw.bufferedAmount : 0
    },
  }
}

function incoming(data: unknown): IncomingData {
  if (typeof data === 'string' || data instanceof ArrayBuffer || data instanceof Uint8Array) return data
  if (typeof SharedArrayBuffer !== 'undefined' && data instanceof SharedArrayBuffer)
    return new Uint8Array(data)
  // Anything else (a Blob) is not what y-websocket sends: treat it like a text frame.
  return ''
}

export function syncRoutes(deps: SyncRouteDeps): Hono {
  const app = new Hono()
  app.get('/sync/:boardId', async (c: Context) => {
    const boardId = c.req.param('boardId') ?? ''
    if (!isId(boardId)) throw new ApiError(404, 'not_found', 'board not found')
    const token = c.req.query('token')
    const access = await authorize(deps.storage, deps.secret, boardId, token)
    if (!access.ok) throw new ApiError(access.error.status, access.error.code, access.error.message)
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiError(426, 'upgrade_required', 'this endpoint speaks the y-websocket protocol')
    }
    if (!deps.upgradeWebSocket) throw new ApiError(400, 'websocket_unavailable', 'websockets are not enabled')
    const principal = access.value
    let handle: ConnectionHandle | null = null
    const events: WSEvents<unknown> = {
      onOpen: (_event, ws) => {
        const socket = socketFor(ws)
        const opened = deps.rooms.connect(boardId, socket, principal)
        handle = opened
        // Access may have been revoked or changed during the handshake, before this socket could be
        // found by closeWhere/updatePrincipals: look again now that it can.
        void authorize(deps.storage, deps.secret, boardId, token).then(
          (again) => {
            if (!again.ok) {
              socket.close(CLOSE_CODES.forbidden, REVOKED_REASON)
              opened.close()
            } else if (again.value.role !== principal.role || again.value.function !== principal.function) {
              principal.role = again.value.role
              if (again.value.function === undefined) delete principal.function
              else principal.function = again.value.function
            }
          },
          (error: unknown) => deps.logger.error('could not re-check access', { boardId, error }),
        )
      },
      onMessage: (event) => {
        handle?.receive(incoming(event.data))
      },
      onClose: () => {
        handle?.close()
      },
      onError: (event) => {
        deps.logger.debug('websocket error', {
          boardId,
          error: String((event as Event & { error?: unknown }).error ?? event.type),
        })
      },
    }
    return deps.upgradeWebSocket(c, events)
  })
  return app
}
