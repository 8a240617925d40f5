// Reading request bodies at the edge: malformed JSON is a 400, a schema mismatch a 400 naming the path.

import type { Context } from 'hono'
import type { z } from 'zod'
import { ApiError } from './apiError.js'

export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') throw new ApiError(400, 'invalid_json', 'request body must be JSON')
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError(400, 'invalid_json', 'request body is not valid JSON')
  }
}

export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const message = parsed.error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.')
      return path === '' ? issue.message : `At ${path}: ${issue.message}`
    })
    .join('; ')
  throw new ApiError(400, 'invalid_body', message)
}

export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization')
  if (!header) return null
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1] ?? null
}
