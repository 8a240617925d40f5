// Signed tokens: base64url(JSON payload) + '.' + base64url(HMAC-SHA256(secret, payload part)).
// Verification is constant-time; a token proves its payload was issued by this server's secret. An
// invite token names its invite row; a personal token (issued on joining) also names the member row.
// Either way the rows, not the payload, decide the role on every request.

import { createHmac, timingSafeEqual } from 'node:crypto'
import { fail, ok, type Result } from '@tideboard/shared'
import { z } from 'zod'
import { ROLES, type Role } from './roles.js'

export interface TokenPayload {
  v: 1
  /** board id */
  b: string
  /** role */
  r: Role
  /** function, for leaders */
  f?: string
  /** display name suggested by the inviter */
  n?: string
  /** invite id: the row in the invites table that can be revoked */
  i: string
  /** member id, for a personal token issued when someone joined through invite `i` */
  m?: string
  /** issued at, ms since epoch */
  t: number
}

const PayloadSchema = z.object({
  v: z.literal(1),
  b: z.string().min(1).max(100),
  r: z.enum(ROLES),
  f: z.string().max(200).optional(),
  n: z.string().max(200).optional(),
  i: z.string().min(1).max(100),
  m: z.string().min(1).max(100).optional(),
  t: z.number().int().nonnegative(),
})

const MAX_TOKEN_LENGTH = 4096

function sign(secret: Uint8Array, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest()
}

export function signToken(secret: Uint8Array, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  return `${body}.${sign(secret, body).toString('base64url')}`
}

export function verifyToken(secret: Uint8Array, token: string): Result<TokenPayload> {
  if (token.length > MAX_TOKEN_LENGTH) return fail('token too long')
  const parts = token.split('.')
  const [body, signature] = parts
  if (parts.length !== 2 || !body || !signature) return fail('malformed token')
  // Compare the canonical encodings, not decoded bytes: base64url decoding ignores the padding bits
  // of the last character, which would let several strings pass for one signature.
  const expected = Buffer.from(sign(secret, body).toString('base64url'))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('bad signature')
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return fail('malformed token payload')
  }
  const parsed = PayloadSchema.safeParse(json)
  if (!parsed.success) return fail('malformed token payload')
  const { f, n, m, ...rest } = parsed.data
  return ok({
    ...rest,
    ...(f === undefined ? {} : { f }),
    ...(n === undefined ? {} : { n }),
    ...(m === undefined ? {} : { m }),
  })
}
