import { describe, expect, it } from 'vitest'
import { writerIdentity } from './writerIdentity'

const token = (payload: object) => `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`

describe('writer identity', () => {
  it('is the member id when known', () => {
    expect(writerIdentity('member-1', token({ i: 'invite-1' }))).toBe('member-1')
  })

  it('is read from a personal token, else the invite id of a link token', () => {
    expect(writerIdentity(null, token({ i: 'invite-1', m: 'member-2' }))).toBe('member-2')
    expect(writerIdentity(undefined, token({ v: 1, i: 'invite-ü', n: 'Zoë' }))).toBe('invite-ü')
  })

  it('is unknown for a missing or unreadable token', () => {
    expect(writerIdentity(null, null)).toBeNull()
    expect(writerIdentity(null, 'not a token')).toBeNull()
    expect(writerIdentity(null, token({ r: 'member' }))).toBeNull()
  })
})
