// Runs async tasks one after the other per key (a board), so read-check-write sequences on one board
// never interleave, while different boards proceed in parallel.

export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  /** Whether nothing runs or waits for `key`: a task done now would not overtake any. */
  idle(key: string): boolean {
    return !this.tails.has(key)
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const result = previous.then(task, task)
    const tail = result.catch(() => undefined)
    this.tails.set(key, tail)
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    })
    return result
  }
}
