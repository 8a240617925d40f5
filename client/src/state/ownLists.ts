// Reading per-stage lists kept in records keyed by stage id, where an id is anything a board holds
// (even "__proto__"): only a record's own keys count.

/** The record's own value under `key`, never one inherited from Object.prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** Whether two lists hold the same objects in the same order. */
export function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i])
}
