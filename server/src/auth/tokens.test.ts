import { createHmac, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadOrCreateSecret } from './secret.js'
import { signToken, type TokenPayload, verifyToken } from './tokens.js'

const secret = new Uint8Array(randomBytes(32))
const payload: TokenPayload = {
  v: 1,
  b: 'board1',
  r: 'leader',
  f: 'Sales',
  n: 'Dee',
  i: 'invite1',
  t: 1_700_000_000_000,
}

describe('invite tokens', () => {
  it('verify what they signed', () => {
    const token = signToken(secret, payload)
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(verifyToken(secret, token)).toEqual({ ok: true, value: payload })
  })

  it('carry the member id of a personal token', () => {
    const personal: TokenPayload = { ...payload, m: 'member1' }
    expect(verifyToken(secret, signToken(secret, personal))).toEqual({ ok: true, value: personal })
  })

  it('refuse a tampered payload', () => {
    const [, signature] = signToken(secret, payload).split('.')
    const forged = Buffer.from(JSON.stringify({ ...payload, r: 'owner' })).toString('base64url')
    expect(verifyToken(secret, `${forged}.${signature}`)).toEqual({ ok: false, error: 'bad signature' })
  })

  it('refuse a tampered signature, including one that differs only in padding bits', () => {
    const token = signToken(secret, payload)
    for (let i = 1; i <= 3; i++) {
      const at = token.length - i
      const swapped = token[at] === 'A' ? 'B' : 'A'
      expect(verifyToken(secret, token.slice(0, at) + swapped + token.slice(at + 1)).ok).toBe(false)
    }
  })

  it('refuse a token signed with another secret', () => {
    const other = new Uint8Array(randomBytes(32))
    expect(verifyToken(other, signToken(secret, payload))).toEqual({ ok: false, error: 'bad signature' })
  })

  it.each(['', 'abc', 'a.b.c', '.', 'x'.repeat(5000)])('refuse malformed input %#', (token) => {
    expect(verifyToken(secret, token).ok).toBe(false)
  })

  it('refuse a well-signed payload of the wrong shape', () => {
    const body = Buffer.from(JSON.stringify({ v: 2, b: 'x' })).toString('base64url')
    const sig = createHmac('sha256', secret).update(body).digest('base64url')
    expect(verifyToken(secret, `${body}.${sig}`)).toEqual({ ok: false, error: 'malformed token payload' })
  })
})

describe('token secret', () => {
  it('is created once with mode 0600 and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tideboard-secret-'))
    try {
      const first = loadOrCreateSecret(dir)
      expect(first).toHaveLength(32)
      expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600)
      expect(loadOrCreateSecret(dir)).toEqual(first)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
