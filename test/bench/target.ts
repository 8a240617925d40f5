// A server the benchmark measures, with what differs between the two kinds hidden: Tideboard
// boards are created over REST and joined with a member token; the reference server takes any room
// name and no token.

import { type ServerKind, ServerProcess, type ServerProcessOptions } from './serverProcess.js'

export interface BoardRef {
  room: string
  token: string | null
}

export const KINDS: readonly ServerKind[] = ['tideboard', 'reference']

let roomCounter = 0

export class Target {
  constructor(readonly server: ServerProcess) {}

  static async start(kind: ServerKind, options: ServerProcessOptions = {}): Promise<Target> {
    const server = new ServerProcess(kind, options)
    await server.start()
    return new Target(server)
  }

  get kind(): ServerKind {
    return this.server.kind
  }

  /** The base URL a WebsocketProvider is given (the room name is appended). */
  get wsBase(): string {
    return `${this.server.ws}/sync`
  }

  async newBoard(title = 'Bench board'): Promise<BoardRef> {
    if (this.kind === 'reference') return { room: `bench-${process.pid}-${++roomCounter}`, token: null }
    const res = await fetch(`${this.server.http}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    })
    if (res.status !== 201) throw new Error(`create board failed: ${res.status} ${await res.text()}`)
    const board = (await res.json()) as { id: string; invites: { member: string } }
    return { room: board.id, token: board.invites.member }
  }

  async newBoards(count: number, concurrency = 8): Promise<BoardRef[]> {
    const boards: BoardRef[] = new Array(count)
    let next = 0
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++
          boards[i] = await this.newBoard(`Bench board ${i}`)
        }
      }),
    )
    return boards
  }

  /** A Tideboard gauge or counter from /metrics (null for the reference server). */
  async metric(name: string): Promise<number | null> {
    return (await this.metrics([name]))[0] ?? null
  }

  /** Several figures from one scrape (the event-loop delay gauges restart at every scrape). */
  async metrics(names: readonly string[]): Promise<(number | null)[]> {
    if (this.kind !== 'tideboard') return names.map(() => null)
    const text = await (await fetch(`${this.server.http}/metrics`)).text()
    return names.map((name) => {
      const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)
      return match ? Number(match[1]) : null
    })
  }

  dispose(): Promise<void> {
    return this.server.dispose()
  }
}
