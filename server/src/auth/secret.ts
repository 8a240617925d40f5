// The HMAC key that signs invite tokens: 32 random bytes in DATA_DIR/secret, created once with
// mode 0600 and reused, so tokens stay valid across restarts. Instances sharing a PostgreSQL
// database share the key through it instead (or through TIDEBOARD_SECRET), so a token issued by one
// works on all.

import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Storage } from '../storage/storage.js'

export const SECRET_BYTES = 32

export function loadOrCreateSecret(dataDir: string): Uint8Array {
  const file = join(dataDir, 'secret')
  try {
    // 'wx' fails when the file exists, so two processes starting together keep one secret.
    writeFileSync(file, randomBytes(SECRET_BYTES), { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const secret = readFileSync(file)
  if (secret.length < SECRET_BYTES) {
    throw new Error(
      `${file} holds ${secret.length} bytes; expected ${SECRET_BYTES}. Remove it to create a new one.`,
    )
  }
  return new Uint8Array(secret)
}

/** The meta key holding the shared secret (base64); the SQLite-to-PostgreSQL copy fills it too. */
export const SECRET_META_KEY = 'token_secret'

/** The key stored in the database, created by whichever instance comes first. */
export async function loadOrCreateSharedSecret(storage: Storage): Promise<Uint8Array> {
  const stored = await storage.getOrCreateMeta(SECRET_META_KEY, randomBytes(SECRET_BYTES).toString('base64'))
  const secret = Buffer.from(stored, 'base64')
  if (secret.length < SECRET_BYTES) {
    throw new Error(`the stored token secret holds ${secret.length} bytes; expected ${SECRET_BYTES}`)
  }
  return new Uint8Array(secret)
}

/** A key given in the environment (TIDEBOARD_SECRET), used as its UTF-8 bytes. */
export function secretFromEnv(value: string): Uint8Array {
  return new Uint8Array(Buffer.from(value, 'utf8'))
}
