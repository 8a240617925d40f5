// Body size limits at the edge: a body over the limit is a JSON 413 before it is read.

import { bodyLimit } from 'hono/body-limit'
import { errorResponse } from './apiError.js'

/** Enough for any JSON body but a board file. */
export const SMALL_BODY = 64 * 1024

export const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => errorResponse(c, 413, 'payload_too_large', `request body exceeds ${maxSize} bytes`),
  })
