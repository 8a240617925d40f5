// Presence in three real Chromium contexts on one board: everyone sees the others (not themselves) in
// the top bar, one avatar per person however many tabs they have open; a pointer moved over the funnel
// shows on the others' boards without re-rendering any card; opening a card and focusing one of its
// fields shows on that card and in its panel elsewhere; following someone takes their view; and a
// closed context disappears from the others within two seconds.

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCard, card } from './support/boardPage.js'
import { openSession, type Session } from './support/browser.js'
import { openInvite } from './support/joinBoard.js'
import { type CreatedBoard, createBoard, inviteUrl, TestServer } from './support/server.js'

const CARD = 'Joint webinar with Sales'

/** The render counter the client keeps when a test asks for it (client/src/state/renderCounts.ts). */
type CountingWindow = { __tideboardRenderCounts?: Map<string, number> }

const presence = (page: Page) => page.getByRole('group', { name: 'On this board now' })
const avatar = (page: Page, name: string) => presence(page).getByRole('button', { name, exact: true })
const visitorsOn = (page: Page, title: string) =>
  page
    .locator('.card-slot')
    .filter({ has: card(page, title) })
    .getByRole('list', { name: 'Here now' })
const cursorOf = (page: Page, name: string) => page.locator('.remote-cursor').filter({ hasText: name })
const followBanner = (page: Page) => page.getByRole('status').filter({ hasText: /^Following/ })

describe('presence in a joint planning session', () => {
  let server: TestServer
  let board: CreatedBoard
  let maya: Session
  let diego: Session
  let priya: Session
  let a: Page
  let b: Page
  let c: Page

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Presence board')
    const invite = (json: { role: string; function?: string; name?: string }) =>
      inviteUrl(server, board, json)
    const [mayaUrl, diegoUrl, priyaUrl] = await Promise.all([
      invite({ role: 'leader', function: 'Marketing', name: 'Maya Okafor' }),
      invite({ role: 'member', name: 'Diego Alvarez' }),
      invite({ role: 'member', name: 'Priya Raman' }),
    ])
    ;[maya, diego, priya] = await Promise.all([
      openSession(),
      // A smaller window: pointers are placed relative to the funnel, not the screen.
      openSession({ viewport: { width: 1280, height: 860 } }),
      openSession(),
    ])
    await diego.context.addInitScript(() => {
      ;(window as unknown as CountingWindow).__tideboardRenderCounts = new Map()
    })
    ;[a, b, c] = await Promise.all([
      openInvite(await maya.context.newPage(), mayaUrl, 'Maya Okafor'),
      openInvite(await diego.context.newPage(), diegoUrl, 'Diego Alvarez'),
      openInvite(await priya.context.newPage(), priyaUrl, 'Priya Raman'),
    ])
    await addCard(a, 'Acquire', CARD)
    await card(b, CARD).waitFor()
  })
  afterAll(async () => {
    await Promise.all([maya?.close(), diego?.close(), priya?.close()])
    await server?.dispose()
  })

  it('shows everyone else in each top bar, once per person, named with their function', async () => {
    await avatar(b, 'Maya Okafor, Marketing').waitFor()
    await avatar(b, 'Priya Raman').waitFor()
    await avatar(a, 'Diego Alvarez').waitFor()
    await avatar(c, 'Maya Okafor, Marketing').waitFor()
    // Nobody is listed in their own top bar.
    expect(await avatar(a, 'Maya Okafor, Marketing').count()).toBe(0)
    expect(await avatar(b, 'Diego Alvarez').count()).toBe(0)

    // A second tab of Priya's is still one Priya, with a count.
    const second = await priya.context.newPage()
    await second.goto(c.url())
    await second.getByRole('region', { name: 'Acquire', exact: true }).waitFor()
    await expect.poll(() => avatar(b, 'Priya Raman').getAttribute('title')).toMatch(/2 tabs/)
    expect(await presence(b).getByRole('button').count()).toBe(2)
    await second.close()
    await expect.poll(() => avatar(b, 'Priya Raman').getAttribute('title')).not.toMatch(/tabs/)
  })

  it('shows a pointer moved over the funnel on the others’ boards without re-rendering cards', async () => {
    await b.waitForTimeout(300)
    await b.evaluate(() => (window as unknown as CountingWindow).__tideboardRenderCounts?.clear())
    const engage = await a.getByRole('region', { name: 'Engage', exact: true }).boundingBox()
    if (!engage) throw new Error('no Engage stage')
    for (let i = 0; i < 20; i++) {
      await a.mouse.move(engage.x + 40 + i * 4, engage.y + 60 + i * 3)
      await a.waitForTimeout(16)
    }
    const cursor = cursorOf(b, 'Maya Okafor')
    await cursor.waitFor()
    // The last position arrives (a trailing update), over Diego's own Engage stage.
    const bEngage = await b.getByRole('region', { name: 'Engage', exact: true }).boundingBox()
    await expect
      .poll(async () => {
        const box = await cursor.boundingBox()
        return box !== null && bEngage !== null && box.x > bEngage.x && box.x < bEngage.x + bEngage.width
      })
      .toBe(true)
    expect(await cursorOf(a, 'Maya Okafor').count()).toBe(0)
    const renders = await b.evaluate(() => [
      ...((window as unknown as CountingWindow).__tideboardRenderCounts ?? new Map()).values(),
    ])
    expect(renders.reduce((sum, n) => sum + n, 0)).toBe(0)
  })

  it('shows who has a card open, and which field they edit, on that card and in its panel', async () => {
    await card(a, CARD).dblclick()
    const panelA = a.getByRole('dialog', { name: CARD })
    await panelA.waitFor()
    // Maya's pointer is on her panel now, not on the funnel.
    await cursorOf(b, 'Maya Okafor').waitFor({ state: 'detached' })

    const onCard = visitorsOn(b, CARD)
    await expect.poll(() => onCard.textContent()).toContain('Maya Okafor (Marketing) is viewing')

    await panelA.getByRole('textbox', { name: 'Description' }).focus()
    await expect.poll(() => onCard.textContent()).toContain('Maya Okafor (Marketing) is editing Description')

    await card(b, CARD).dblclick()
    const line = b.getByRole('dialog', { name: CARD }).getByTestId('card-presence')
    await expect.poll(() => line.textContent()).toBe('MOMaya Okafor is editing Description')
    await b.keyboard.press('Escape')

    await panelA.getByRole('textbox', { name: 'Description' }).blur()
    await expect.poll(() => onCard.textContent()).toContain('Maya Okafor (Marketing) is viewing')
  })

  it('follows someone’s view until they are left or the follower navigates', async () => {
    await avatar(b, 'Maya Okafor, Marketing').click()
    await followBanner(b).waitFor()
    expect(await avatar(b, 'Maya Okafor, Marketing').getAttribute('aria-pressed')).toBe('true')
    await b.getByRole('dialog', { name: CARD }).waitFor()

    await a.keyboard.press('Escape')
    await b.getByRole('dialog', { name: CARD }).waitFor({ state: 'detached' })
    await a.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /KPIs/ }).click()
    await expect.poll(() => new URL(b.url()).searchParams.get('view')).toBe('kpis')

    // Navigating on one's own stops following.
    await b.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /Board/ }).click()
    await followBanner(b).waitFor({ state: 'detached' })
    await a
      .getByRole('navigation', { name: 'Views' })
      .getByRole('link', { name: /Activity/ })
      .click()
    await b.waitForTimeout(500)
    expect(new URL(b.url()).searchParams.get('view')).toBeNull()

    // Or pressing Stop.
    await a.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /Board/ }).click()
    await avatar(b, 'Maya Okafor, Marketing').click()
    await followBanner(b).getByRole('button', { name: 'Stop' }).click()
    await followBanner(b).waitFor({ state: 'detached' })
    expect(await avatar(b, 'Maya Okafor, Marketing').getAttribute('aria-pressed')).toBe('false')
  })

  it('drops a closed context’s avatar and pointer from the others within two seconds', async () => {
    const engage = await a.getByRole('region', { name: 'Engage', exact: true }).boundingBox()
    if (!engage) throw new Error('no Engage stage')
    await a.mouse.move(engage.x + 50, engage.y + 50)
    await cursorOf(b, 'Maya Okafor').waitFor()
    const started = Date.now()
    await maya.close()
    await avatar(b, 'Maya Okafor, Marketing').waitFor({ state: 'detached', timeout: 2000 })
    await avatar(c, 'Maya Okafor, Marketing').waitFor({ state: 'detached', timeout: 2000 })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(await cursorOf(b, 'Maya Okafor').count()).toBe(0)
  })
})
