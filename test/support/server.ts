// Runs the real Tideboard server as a child process on an ephemeral port with its own data
// directory, the way `pnpm serve` runs it; restartable on the same data, killable with SIGKILL.

import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SERVER_MAIN } from './paths.js'

export interface ServerOptions {
  dataDir?: string
  env?: Record<string, string>
}

/**
 * This process's environment without the cluster settings CI exports for the suites that use them:
 * a server gets PostgreSQL or Redis only when its test asks for them through `env`.
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL, REDIS_URL, REDIS_PREFIX, TIDEBOARD_SECRET, ...rest } = process.env
  return rest
}

export class TestServer {
  readonly dataDir: string
  private child: ChildProcess | null = null
  private output = ''
  port = 0

  constructor(private readonly options: ServerOptions = {}) {
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tideboard-test-'))
  }

  get http(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get ws(): string {
    return `ws://127.0.0.1:${this.port}`
  }

  /** Everything the process printed so far, for failure messages. */
  get log(): string {
    return this.output
  }

  async start(): Promise<this> {
    if (this.child) throw new Error('server already running')
    this.output = ''
    const child = spawn(process.execPath, [SERVER_MAIN], {
      env: {
        ...inheritedEnv(),
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start in time:\n${this.output}`)),
        30_000,
      )
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString()
        const match = /listening on http:\/\/[^:\s]+:(\d+)/.exec(this.output)
        if (match) {
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString()
      })
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`server exited early (${code ?? signal}):\n${this.output}`))
      })
    })
    child.on('exit', () => {
      if (this.child === child) this.child = null
    })
    return this
  }

  /** Ends the process with `signal` and waits for it to exit; resolves with its exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child
    if (!child) return null
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill(signal)
    const code = await exited
    this.child = null
    return code
  }

  async kill(): Promise<void> {
    await this.stop('SIGKILL')
  }

  async restart(): Promise<this> {
    await this.stop()
    return this.start()
  }

  /** Stops the process and removes its data directory. */
  async dispose(): Promise<void> {
    await this.stop('SIGKILL')
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}

export interface CreatedBoard {
  id: string
  title: string
  invites: { owner: string; member: string; viewer: string }
  urls: { owner: string; member: string; viewer: string }
}

export async function createBoard(server: TestServer, title = 'Test board'): Promise<CreatedBoard> {
  const res = await fetch(`${server.http}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (res.status !== 201) throw new Error(`create board failed: ${res.status} ${await res.text()}`)
  return (await res.json()) as CreatedBoard
}

/** An invite URL from the server, pointed at the test server's own address. */
export function localUrl(server: TestServer, url: string): string {
  return url.replace(/^https?:\/\/[^/]+/, server.http)
}

/** Creates an invite on `board` with its owner token and returns its link on the test server. */
export async function inviteUrl(
  server: TestServer,
  board: CreatedBoard,
  invite: { role: string; function?: string; name?: string },
): Promise<string> {
  const res = await fetch(`${server.http}/api/boards/${board.id}/invites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${board.invites.owner}` },
    body: JSON.stringify(invite),
  })
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${await res.text()}`)
  return localUrl(server, ((await res.json()) as { url: string }).url)
}
