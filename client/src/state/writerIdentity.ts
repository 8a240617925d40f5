// Who this browser writes as, the way the server names a connection (identityOf on the server): the
// member id of a personal token, else the invite id of a link's token. Comments carry it as their
// author, and the server refuses a comment written or changed under any other identity.

/** The payload part of a signed token (base64url JSON before the '.'), or null when unreadable. */
function tokenPayload(token: string): Record<string, unknown> | null {
  const body = token.split('.')[0]
  if (!body) return null
  try {
    const base64 = body.replace(/-/g, '+').replace(/_/g, '/')
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes))
    return payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : null
  } catch {
    return null
  }
}

export function writerIdentity(
  memberId: string | null | undefined,
  token: string | null | undefined,
): string | null {
  if (memberId) return memberId
  if (!token) return null
  const payload = tokenPayload(token)
  if (typeof payload?.m === 'string' && payload.m) return payload.m
  return typeof payload?.i === 'string' && payload.i ? payload.i : null
}
