// The one error type routes throw, and the one place errors become responses:
// always JSON `{ "error": { "code", "message" } }`.

import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from '../log.js'

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  426: 'upgrade_required',
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status)
}

export function errorHandler(logger: Logger) {
  return function handleError(error: Error, c: Context) {
    if (error instanceof ApiError) return errorResponse(c, error.status, error.code, error.message)
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode
      return errorResponse(c, status, CODES[status] ?? 'error', error.message || 'request failed')
    }
    logger.error('unexpected error handling a request', { method: c.req.method, path: c.req.path, error })
    return errorResponse(c, 500, 'internal', 'internal server error')
  }
}

export function notFound(c: Context) {
  return errorResponse(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`)
}
