// Offline in real Chromium: a person who joined a board loses the network, keeps editing, reloads the
// page while still offline (the service worker serves the app, IndexedDB the board, localStorage the
// unsaved count), edits more, and comes back: both browsers end with the same board and nothing is
// lost, and a browser opened afterwards sees it all. Also: "Reconnecting…" while the server restarts.

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCard, card, stage } from './support/boardPage.js'
import { openSession, type Session } from './support/browser.js'
import { openInvite } from './support/joinBoard.js'
import { pickUp, pressAndHear } from './support/keyboardDrag.js'
import { type CreatedBoard, createBoard, localUrl, TestServer } from './support/server.js'

/** Limits for what the network, the sync and a busy CI machine decide; a test never asserts a time. */
const WAIT = { timeout: 15_000 }
const SLOW = { timeout: 30_000 }

const STAGES = ['Acquire', 'Activate', 'Engage', 'Retain', 'Expand', 'Refer']

const indicator = (page: Page) => page.locator('[data-connection]')
const unsaved = async (page: Page) => Number(await indicator(page).getAttribute('data-unsaved'))

/** Every card title, stage by stage in board order: what two browsers must agree on. */
async function titlesByStage(page: Page): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const name of STAGES) {
    out[name] = await stage(page, name).locator('[data-card-id] .card-title').allTextContents()
  }
  return out
}

async function renameCard(page: Page, from: string, to: string): Promise<void> {
  await card(page, from).focus()
  await page.keyboard.press('F2')
  const input = page.getByRole('textbox', { name: 'Card title' })
  await input.fill(to)
  await input.press('Enter')
  await card(page, to).waitFor()
}

/** The paths of everything the service worker keeps in its caches. */
function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = []
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname)
    }
    return paths
  })
}

/** Waits until the app's service worker is active and controls `page`, so a reload works offline. */
async function appShellReady(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), WAIT).toBe(true)
}

describe('offline through a reload', () => {
  let server: TestServer
  let board: CreatedBoard
  let editor: Session
  let watcher: Session
  let latecomer: Session

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Offline board')
    ;[editor, watcher, latecomer] = await Promise.all([
      openSession({ serviceWorkers: 'allow' }),
      openSession(),
      openSession(),
    ])
  })
  afterAll(async () => {
    await Promise.all([editor?.close(), watcher?.close(), latecomer?.close()])
    await server?.dispose()
  })

  it('keeps edits made offline across a reload and merges them with the others when back', async () => {
    const e = await openInvite(await editor.context.newPage(), localUrl(server, board.urls.owner), 'Edith')
    const w = await openInvite(await watcher.context.newPage(), localUrl(server, board.urls.member), 'Walt')
    await addCard(e, 'Acquire', 'Partner webinar')
    await expect.poll(() => indicator(e).textContent(), WAIT).toBe('All changes saved')
    await card(w, 'Partner webinar').waitFor()
    await appShellReady(e)

    await editor.context.setOffline(true)
    await expect.poll(() => indicator(e).getAttribute('data-connection'), WAIT).toBe('offline')
    await addCard(e, 'Retain', 'Renewal health review')
    await renameCard(e, 'Partner webinar', 'Partner webinar series')
    const before = await unsaved(e)
    expect(before).toBeGreaterThanOrEqual(2)
    expect(await indicator(e).textContent()).toBe(`Offline · ${before} unsaved changes`)

    await e.reload()
    await stage(e, 'Acquire').waitFor()
    await card(e, 'Partner webinar series').waitFor()
    await card(e, 'Renewal health review').waitFor()
    await expect.poll(() => indicator(e).textContent(), WAIT).toBe(`Offline · ${before} unsaved changes`)
    // The worker serves the app, never the API: no answer of the server's was kept to replay.
    expect(await cachedPaths(e)).toContain('/index.html')
    expect((await cachedPaths(e)).filter((p) => /^\/(api|sync|healthz|metrics)\b/.test(p))).toEqual([])
    expect(
      await e.evaluate(() =>
        fetch('/api/sample').then(
          () => 'answered',
          () => 'failed',
        ),
      ),
    ).toBe('failed')

    // Still offline after the reload: a keyboard move is one more unsaved change.
    await stage(e, 'Retain').locator('[data-card-id]').filter({ hasText: 'Renewal health review' }).focus()
    await pickUp(e, /Picked up card Renewal health review/)
    await pressAndHear(e, 'ArrowRight', /moved to .*Expand/)
    await pressAndHear(e, 'Space', /dropped in Expand/)
    await expect.poll(() => unsaved(e), WAIT).toBeGreaterThan(before)
    expect(await indicator(e).textContent()).toMatch(/^Offline · \d+ unsaved changes$/)

    // Meanwhile someone online edits something else, and sees none of the offline edits yet.
    await addCard(w, 'Engage', 'Onboarding checklist')
    await expect.poll(() => indicator(w).textContent(), WAIT).toBe('All changes saved')
    expect(await card(w, 'Renewal health review').count()).toBe(0)
    expect(await card(w, 'Partner webinar series').count()).toBe(0)

    // Opening a server address offline is a network error, never the app shell in its place.
    const probe = await editor.context.newPage()
    await expect(probe.goto(`${server.http}/healthz`)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/)
    await probe.close()

    // The start page works offline too: it lists the board and says why nothing new can be made.
    await e.goto(`${server.http}/`)
    await e.getByText(/you are offline/i).waitFor()
    await e.getByRole('link', { name: /Offline board/ }).click()
    await card(e, 'Renewal health review').waitFor()

    await editor.context.setOffline(false)
    await expect.poll(() => indicator(e).textContent(), SLOW).toBe('All changes saved')
    await card(e, 'Onboarding checklist').waitFor()
    await card(w, 'Renewal health review').waitFor()
    const expected = {
      Acquire: ['Partner webinar series'],
      Activate: [],
      Engage: ['Onboarding checklist'],
      Retain: [],
      Expand: ['Renewal health review'],
      Refer: [],
    }
    await expect.poll(() => titlesByStage(w), WAIT).toEqual(expected)
    expect(await titlesByStage(e)).toEqual(expected)

    // Stored on the server, not only passed between two open browsers.
    const l = await openInvite(await latecomer.context.newPage(), localUrl(server, board.urls.viewer), 'Lee')
    await expect.poll(() => titlesByStage(l), WAIT).toEqual(expected)
  })
})

describe('while the server restarts', () => {
  let server: TestServer
  let restarted: TestServer | null = null
  let board: CreatedBoard
  let editor: Session
  let watcher: Session

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Restart board')
    ;[editor, watcher] = await Promise.all([openSession(), openSession()])
  })
  afterAll(async () => {
    await Promise.all([editor?.close(), watcher?.close()])
    await restarted?.dispose()
    await server?.dispose()
  })

  it('says "Reconnecting…" while the browser is online but the server is gone, then saves', async () => {
    const e = await openInvite(await editor.context.newPage(), localUrl(server, board.urls.owner), 'Edith')
    const w = await openInvite(await watcher.context.newPage(), localUrl(server, board.urls.viewer), 'Walt')
    await expect.poll(() => indicator(e).textContent(), WAIT).toBe('All changes saved')

    const { port, dataDir } = server
    await server.stop()
    await expect.poll(() => indicator(e).textContent(), WAIT).toBe('Reconnecting…')
    await expect.poll(() => indicator(w).textContent(), WAIT).toBe('Reconnecting…')
    await addCard(e, 'Refer', 'Customer referral rewards')
    await expect
      .poll(() => indicator(e).textContent(), WAIT)
      .toMatch(/^Reconnecting… · \d+ unsaved changes?$/)

    // Back on the same address and data, the way a deploy or a crash restart brings it back.
    restarted = await new TestServer({ dataDir, env: { PORT: String(port) } }).start()
    await expect.poll(() => indicator(e).textContent(), SLOW).toBe('All changes saved')
    await expect.poll(() => card(w, 'Customer referral rewards').count(), SLOW).toBe(1)
  })
})

describe('on a network that answers nothing', () => {
  let server: TestServer
  let board: CreatedBoard
  let person: Session

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Silent network board')
    person = await openSession()
  })
  afterAll(async () => {
    await person?.close()
    await server?.dispose()
  })

  it('opens a joined board from this device when the access check never answers', async () => {
    const page = await openInvite(await person.context.newPage(), localUrl(server, board.urls.member), 'Mia')
    await addCard(page, 'Activate', 'Trial nudges')
    await expect.poll(() => indicator(page).textContent(), WAIT).toBe('All changes saved')

    // The browser says it is online, but the REST call that confirms access hangs for ever.
    await person.context.route(`**/api/boards/${board.id}`, () => {})
    await page.reload()
    await card(page, 'Trial nudges').waitFor()
    await addCard(page, 'Activate', 'Welcome email series')
    await expect.poll(() => indicator(page).textContent(), WAIT).toBe('All changes saved')
  })
})
