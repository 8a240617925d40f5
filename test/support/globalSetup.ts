// Before the end-to-end suites: make sure the server and client are built and that Debian's
// Chromium is installed (installed here when missing and we are allowed to, never downloaded).

import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { CHROMIUM, CLIENT_INDEX, ROOT, SERVER_MAIN } from './paths.js'

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}

function ensureBuilt(): void {
  if (existsSync(SERVER_MAIN) && existsSync(CLIENT_INDEX)) return
  console.log('[e2e] building server and client first')
  run('pnpm', ['run', 'build'])
}

function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    )
  }
  console.log('[e2e] installing Debian chromium (apt-get)')
  run('apt-get', ['update', '-qq'])
  run('apt-get', ['install', '-y', '-qq', 'chromium'])
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`)
}

export default function setup(): void {
  ensureBuilt()
  ensureChromium()
}
