// A server under test as a child process: Tideboard's built server (`node server/dist/main.js`, the
// way `pnpm serve` runs it) or the reference y-websocket server. Exposes the pid for /proc readings,
// can listen on a fixed port so that clients reconnect across restarts, and can be SIGKILLed.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inheritedEnv } from '../support/server.js'

export type ServerKind = 'tideboard' | 'reference'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TIDEBOARD_MAIN = join(ROOT, 'server/dist/main.js')
const REFERENCE_MAIN = fileURLToPath(new URL('./referenceServer.mjs', import.meta.url))

/** Output kept for failure messages; older output is dropped so a noisy run cannot grow without bound. */
const MAX_LOG_CHARS = 256 * 1024

export interface ServerProcessOptions {
  dataDir?: string
  /** A fixed port (0 = ephemeral, chosen again on every start). */
  port?: number
  env?: Record<string, string>
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…'] to profile the server. */
  nodeArgs?: string[]
}

/** Builds server and client when the built server is missing. */
export function ensureBuilt(): void {
  if (existsSync(TIDEBOARD_MAIN)) return
  console.log('[bench] building first (pnpm run build)')
  execFileSync('pnpm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
}

/** A port that was free a moment ago (for servers that must come back on the same port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

export class ServerProcess {
  readonly dataDir: string
  private child: ChildProcess | null = null
  private output = ''
  private exits: (number | string | null)[] = []
  port: number

  constructor(
    readonly kind: ServerKind,
    private readonly options: ServerProcessOptions = {},
  ) {
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `tideboard-bench-${kind}-`))
    this.port = options.port ?? 0
  }

  get http(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get ws(): string {
    return `ws://127.0.0.1:${this.port}`
  }

  get pid(): number | null {
    return this.child?.pid ?? null
  }

  /** True while the process runs. */
  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null
  }

  /** How earlier processes ended (exit code or signal), in order. */
  get exitHistory(): readonly (number | string | null)[] {
    return this.exits
  }

  get log(): string {
    return this.output
  }

  /** The inspector's websocket URL, when the process was started with --inspect. */
  inspectorUrl: string | null = null

  private append(chunk: Buffer): void {
    this.output += chunk.toString()
    this.inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(this.output)?.[1] ?? null
    if (this.output.length > MAX_LOG_CHARS) this.output = this.output.slice(-MAX_LOG_CHARS / 2)
  }

  async start(): Promise<this> {
    if (this.child) throw new Error(`${this.kind} server already running`)
    this.output = ''
    const main = this.kind === 'tideboard' ? TIDEBOARD_MAIN : REFERENCE_MAIN
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), main], {
      cwd: this.kind === 'tideboard' ? ROOT : fileURLToPath(new URL('.', import.meta.url)),
      env: {
        // Without CI's DATABASE_URL/REDIS_URL: the crash test reads the SQLite file in DATA_DIR.
        ...inheritedEnv(),
        NODE_OPTIONS: '',
        PORT: String(this.options.port ?? 0),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
        // The benchmarks write long histories from one client as fast as they can: a rate no person
        // reaches, which the per-connection message limit would (rightly) cut off.
        MAX_MESSAGES_PER_SECOND: '100000',
        MAX_MESSAGE_BURST: '1000000',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    child.stderr?.on('data', (chunk: Buffer) => this.append(chunk))
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.kind} server did not start:\n${this.output}`)),
        30_000,
      )
      const onData = (chunk: Buffer) => {
        this.append(chunk)
        const match = /listening on http:\/\/[^:\s]+:(\d+)/.exec(this.output)
        if (match) {
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
      }
      child.stdout?.on('data', onData)
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`${this.kind} server exited early (${code ?? signal}):\n${this.output}`))
      })
    })
    child.on('exit', (code, signal) => {
      this.exits.push(code ?? signal)
      if (this.child === child) this.child = null
    })
    return this
  }

  /** Signals the process and waits for it to exit; resolves with its exit code (null after a signal). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child
    if (!child) return null
    if (child.exitCode !== null || child.signalCode !== null) {
      this.child = null
      return child.exitCode
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill(signal)
    const code = await exited
    this.child = null
    return code
  }

  kill(): Promise<number | null> {
    return this.stop('SIGKILL')
  }

  async dispose(): Promise<void> {
    // A profiled process writes its profile on a clean exit only.
    await this.stop(this.options.nodeArgs?.some((a) => a.startsWith('--cpu-prof')) ? 'SIGTERM' : 'SIGKILL')
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}
