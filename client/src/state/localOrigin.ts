// Transaction origins on the client, as a tagged union. Edits this user makes carry LOCAL_ORIGIN so
// the undo manager tracks them (own edits only) and never undoes a collaborator's work.

export type ClientOrigin = { source: 'local' }

export const LOCAL_ORIGIN: ClientOrigin = { source: 'local' }

export function isLocalOrigin(origin: unknown): origin is ClientOrigin {
  return origin === LOCAL_ORIGIN
}
