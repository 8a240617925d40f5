// A small seeded PRNG (mulberry32) for the crash and fuzz runs: a printed seed replays the same run.

export interface Random {
  readonly seed: number
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
  bytes(n: number): Uint8Array
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  return {
    seed,
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[int(items.length)]!
    },
    chance: (p) => next() < p,
    bytes: (n) => {
      const out = new Uint8Array(n)
      for (let i = 0; i < n; i++) out[i] = int(256)
      return out
    },
  }
}

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
