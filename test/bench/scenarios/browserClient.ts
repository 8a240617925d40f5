// The client in headless Chromium: a board of N cards imported as a board file, the time from
// navigation to every card rendered, a keyboard drag across stages watched for long tasks, and the
// JavaScript the app ships, gzipped. Tideboard only (the reference server has no client).

import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { addCard } from '@tideboard/shared'
import type { Page } from 'playwright-core'
import { openSession } from '../../support/browser.js'
import { connect, synced } from '../../support/yclient.js'
import { ROOT } from '../serverProcess.js'
import { Target } from '../target.js'

export interface ClientFigures {
  cards: number
  renderedCards: number
  firstFullRenderMs: number | null
  /** First visit, from pressing Join on the invite page. */
  firstVisitRenderMs: number | null
  renderLongestTaskMs: number
  dragMs: number
  dragLongTasks: number
  dragLongestTaskMs: number
  jsGzipKiB: number
  jsLoadedGzipKiB: number
}

interface Created {
  id: string
  invites: { owner: string; member: string }
  urls: { member: string }
}

const STAGES = ['acquire', 'activate', 'engage', 'retain', 'expand', 'refer']

async function boardOf(target: Target, cards: number): Promise<Created> {
  const headers = { 'content-type': 'application/json' }
  const seed = (await (
    await fetch(`${target.server.http}/api/boards`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Seed' }),
    })
  ).json()) as Created
  const client = connect(target.server.ws, seed.id, seed.invites.member)
  await synced(client)
  addCard(client.doc, { kind: 'hypothesis', title: 'Template', stageId: 'acquire' })
  // The server stores the card a few turns after receiving it (its writer thread commits first): ask
  // until the export holds it.
  type Exported = { board: { title: string }; cards: Record<string, unknown>[] }
  let file: Exported | null = null
  for (let tries = 0; tries < 100 && !file?.cards[0]; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    file = (await (
      await fetch(`${target.server.http}/api/boards/${seed.id}/export?format=json`, {
        headers: { authorization: `Bearer ${seed.invites.owner}` },
      })
    ).json()) as Exported
  }
  client.destroy()
  const template = file?.cards[0]
  if (!file || !template) throw new Error('the template card never reached the server')
  file.board.title = `${cards} cards`
  file.cards = Array.from({ length: cards }, (_, i) => ({
    ...template,
    id: `card-${i}`,
    title: `Experiment ${i + 1}`,
    stageId: STAGES[i % STAGES.length],
  }))
  const res = await fetch(`${target.server.http}/api/boards/import`, {
    method: 'POST',
    headers,
    body: JSON.stringify(file),
  })
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${await res.text()}`)
  return (await res.json()) as Created
}

/**
 * Records a V8 CPU profile of `run` in the page when BENCH_CPU_PROFILE names a path prefix (written as
 * `<prefix>-<name>.cpuprofile`, for profileTop.ts or Chromium's DevTools), or a performance trace
 * when BENCH_TRACE does (`<prefix>-<name>.json`, for DevTools' Performance panel); else just runs it.
 */
async function profiled<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  if (process.env.BENCH_TRACE) return traced(page, `${process.env.BENCH_TRACE}-${name}.json`, run)
  const prefix = process.env.BENCH_CPU_PROFILE
  if (!prefix) return run()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  try {
    return await run()
  } finally {
    const { profile } = await cdp.send('Profiler.stop')
    writeFileSync(`${prefix}-${name}.cpuprofile`, JSON.stringify(profile))
    await cdp.detach()
  }
}

/** Records a Chromium performance trace of `run` (style, layout, paint, scripts) into `file`. */
async function traced<T>(page: Page, file: string, run: () => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page)
  const events: unknown[] = []
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value))
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
  })
  try {
    return await run()
  } finally {
    await cdp.send('Tracing.end')
    await complete
    writeFileSync(file, JSON.stringify({ traceEvents: events }))
    await cdp.detach()
  }
}

/**
 * Presses `key` and waits until dnd-kit's live region says `text`, reading the region by its id: a
 * Playwright locator searches the whole 2,000-card page in the page's main thread on every poll, and
 * those searches would be counted as the drag's long tasks.
 */
async function pressAndHear(page: Page, regionId: string, key: string, text: RegExp): Promise<void> {
  await page.keyboard.press(key)
  await page.waitForFunction(
    ([id, source]) => new RegExp(source).test(document.getElementById(id)?.textContent ?? ''),
    [regionId, text.source] as const,
    { polling: 'raf', timeout: 30_000 },
  )
}

function gzipKiB(files: string[]): number {
  return files.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0) / 1024
}

export async function runBrowserClient(cards: number, log: (line: string) => void): Promise<ClientFigures> {
  const target = await Target.start('tideboard')
  const session = await openSession()
  try {
    const board = await boardOf(target, cards)
    const url = board.urls.member.replace(/^https?:\/\/[^/]+/, target.server.http)
    const page = await session.context.newPage()
    const loadedScripts = new Set<string>()
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') loadedScripts.add(new URL(res.url()).pathname)
    })
    await page.addInitScript((want: number) => {
      const w = window as unknown as { __full: number | null; __long: { start: number; duration: number }[] }
      w.__full = null
      w.__long = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration })
      }).observe({ type: 'longtask', buffered: true })
      new MutationObserver(() => {
        if (w.__full === null && document.querySelectorAll('[data-card-id]').length >= want)
          w.__full = performance.now()
      }).observe(document, { childList: true, subtree: true })
    }, cards)
    const fullRender = () =>
      page
        .waitForFunction(() => (window as unknown as { __full: number | null }).__full !== null, undefined, {
          timeout: 60_000,
        })
        .catch(() => {})
    // First visit: the invite asks for a name; timed from pressing Join to every card rendered.
    await page.goto(url)
    await page.getByRole('textbox', { name: /your name/i }).fill('Bench')
    const joinAt = await page.evaluate(() => performance.now())
    await page.getByRole('button', { name: /join board/i }).click()
    await fullRender()
    const firstVisit = await page.evaluate((since: number) => {
      const full = (window as unknown as { __full: number | null }).__full
      return full === null ? null : full - since
    }, joinAt)
    // Opening the board again (the browser now has its local copy): timed from navigation.
    await profiled(page, 'load', async () => {
      await page.reload()
      await fullRender()
    })
    const rendered = await page.evaluate(() => document.querySelectorAll('[data-card-id]').length)
    const full = await page.evaluate(() => (window as unknown as { __full: number | null }).__full)
    const renderLong = await page.evaluate(() =>
      Math.max(0, ...(window as unknown as { __long: { duration: number }[] }).__long.map((t) => t.duration)),
    )
    log(
      `  tideboard: ${rendered} of ${cards} cards in the DOM; full render ${firstVisit?.toFixed(0)} ms after Join, ${full?.toFixed(0)} ms after navigation on reopening`,
    )

    await page.waitForTimeout(1000)
    if (process.env.BENCH_SHOT) await page.screenshot({ path: process.env.BENCH_SHOT })
    const card = page.getByRole('region', { name: 'Acquire', exact: true }).locator('[data-card-id]').first()
    await card.focus()
    const region = await page.evaluate(() => document.querySelector('[id^="DndLiveRegion"]')?.id ?? '')
    const dragStart = await page.evaluate(() => performance.now())
    await profiled(page, 'drag', async () => {
      await pressAndHear(page, region, 'Space', /Picked up/)
      // The keyboard sensor starts listening for arrows in a zero-delay timer after the pick-up.
      await page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
      await pressAndHear(page, region, 'ArrowRight', /moved to .*Activate/)
      await pressAndHear(page, region, 'Space', /dropped in Activate/)
    })
    const dragEnd = await page.evaluate(() => performance.now())
    const dragTasks = await page.evaluate(
      (since: number) =>
        (window as unknown as { __long: { start: number; duration: number }[] }).__long.filter(
          (t) => t.start >= since,
        ),
      dragStart,
    )
    log(
      `  tideboard: keyboard drag in ${(dragEnd - dragStart).toFixed(0)} ms; tasks over 50 ms: ${
        dragTasks.map((t) => t.duration.toFixed(0)).join(', ') || 'none'
      }`,
    )
    const assets = join(ROOT, 'client/dist/assets')
    const allJs = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => join(assets, f))
    const loadedJs = [...loadedScripts]
      .map((p) => join(ROOT, 'client/dist', p))
      .filter((f) => f.endsWith('.js'))
    return {
      cards,
      renderedCards: rendered,
      firstFullRenderMs: full,
      firstVisitRenderMs: firstVisit,
      renderLongestTaskMs: renderLong,
      dragMs: dragEnd - dragStart,
      dragLongTasks: dragTasks.filter((t) => t.duration > 50).length,
      dragLongestTaskMs: Math.max(0, ...dragTasks.map((t) => t.duration)),
      jsGzipKiB: gzipKiB(allJs),
      jsLoadedGzipKiB: gzipKiB(loadedJs),
    }
  } finally {
    await session.close()
    await target.dispose()
  }
}
