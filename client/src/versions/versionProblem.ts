// What to tell a person when a versions call fails: a sentence, not an HTTP status.

import type { ApiError } from '../api/boardsApi'

export function versionProblem(error: ApiError): string {
  if (error.code === 'network') return 'Could not reach the server. Try again.'
  if (error.status === 403) return 'Only the board owner saves and restores versions.'
  if (error.status === 404) return 'This version does not exist (any more).'
  return error.message.charAt(0).toUpperCase() + error.message.slice(1)
}
