// Random ids for records created on a replica: unique without coordination.

export function newId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16)
}
