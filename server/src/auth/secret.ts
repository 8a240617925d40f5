// The HMAC key that signs invite tokens: 32 random bytes in DATA_DIR/secret, created once with
// mode 0600 and reused, so tokens stay valid across restarts.

import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

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
