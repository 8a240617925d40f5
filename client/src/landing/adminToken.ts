// The admin token some servers require for creating boards (TIDEBOARD_ADMIN_TOKEN), kept for this tab
// only: it is a server secret, so it is not written to localStorage.

const KEY = 'tideboard:adminToken'

export function getAdminToken(): string | null {
  try {
    return sessionStorage.getItem(KEY)
  } catch {
    return null
  }
}

export function setAdminToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token)
  } catch {
    // Storage disabled: the token is used for this request only.
  }
}
