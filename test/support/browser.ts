// Debian's Chromium driven by playwright-core: a fresh profile per context, no downloads, and the
// flags this machine's closed network needs.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'
import { CHROMIUM } from './paths.js'

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface Session {
  context: BrowserContext
  close(): Promise<void>
}

export interface SessionOptions {
  viewport?: { width: number; height: number }
  hasTouch?: boolean
  /**
   * The app's offline service worker is blocked unless a test is about it: a worker that precaches
   * the app in the background would only add load and timing to tests of something else.
   */
  serviceWorkers?: 'allow' | 'block'
}

export async function openSession(options: SessionOptions = {}): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'tideboard-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: options.viewport ?? { width: 1600, height: 1000 },
    hasTouch: options.hasTouch ?? false,
    serviceWorkers: options.serviceWorkers ?? 'block',
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
