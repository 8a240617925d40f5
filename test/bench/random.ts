// Seeds for the crash and fuzz runs: from the environment when replaying, else fresh. The generator
// itself is shared with every other seeded test.

export { type Random, seededRandom } from '@tideboard/shared/testing'

/** The seed from `name` in the environment, or a fresh one. */
export function seedFrom(name: string): number {
  const raw = process.env[name]
  if (raw !== undefined && raw.trim() !== '') {
    const value = Number(raw)
    if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`)
    return value >>> 0
  }
  return (Math.random() * 2 ** 32) >>> 0
}
