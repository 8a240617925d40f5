// Random url-safe ids for boards and invites: 16 base62 characters (~95 bits), unguessable.

import { randomBytes } from 'node:crypto'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
export const ID_LENGTH = 16
const ID_PATTERN = /^[A-Za-z0-9]{16}$/

export function randomId(): string {
  let id = ''
  while (id.length < ID_LENGTH) {
    for (const byte of randomBytes(32)) {
      // 248 = 4 * 62: rejecting larger bytes keeps every character equally likely.
      if (byte < 248 && id.length < ID_LENGTH) id += ALPHABET[byte % 62]
    }
  }
  return id
}

export function isId(value: string): boolean {
  return ID_PATTERN.test(value)
}
