// Dragging a card between stages with the mouse and with touch in real Chromium, and the other
// person's board following; a keyboard drag re-renders the card it moves and leaves every other card
// alone, and reorders within a stage.
// (Keyboard drags between two people are in board.browser.test.ts.)

import type { CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSession, type Session } from './support/browser.js'
import { openInvite } from './support/joinBoard.js'
import { pickUp, pressAndHear } from './support/keyboardDrag.js'
import { type CreatedBoard, createBoard, TestServer } from './support/server.js'

const stage = (page: Page, name: string) => page.getByRole('region', { name, exact: true })
const cardIn = (page: Page, stageName: string, title: string) =>
  stage(page, stageName).getByRole('button', { name: new RegExp(`^${title}`) })

async function addCard(page: Page, stageName: string, title: string): Promise<void> {
  const column = stage(page, stageName)
  await column.getByRole('button', { name: /add card/i }).click()
  const input = column.getByRole('textbox', { name: /title/i })
  await input.fill(title)
  await input.press('Enter')
  await cardIn(page, stageName, title).waitFor()
  await input.press('Escape')
}

/** The render counter the client keeps when a page asks for it (client/src/state/renderCounts.ts). */
type CountingWindow = { __tideboardRenderCounts?: Map<string, number> }

const renderCounts = async (page: Page) =>
  new Map(
    await page.evaluate(() => [...((window as unknown as CountingWindow).__tideboardRenderCounts ?? [])]),
  )

const cardIdsIn = (page: Page, stageName: string) =>
  stage(page, stageName)
    .locator('[data-card-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-card-id') ?? ''))

async function centreOf(locator: ReturnType<Page['locator']>) {
  const box = await locator.boundingBox()
  if (!box) throw new Error('element is not visible')
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) {
  await cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: type === 'touchEnd' ? [] : [{ x: Math.round(x), y: Math.round(y), id: 1 }],
  })
}

describe('dragging cards between stages', () => {
  let server: TestServer
  let board: CreatedBoard
  let mover: Session
  let watcher: Session
  let tablet: Session

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Drag board')
    ;[mover, watcher, tablet] = await Promise.all([
      openSession(),
      openSession(),
      openSession({ viewport: { width: 1366, height: 1024 }, hasTouch: true }),
    ])
  })
  afterAll(async () => {
    await Promise.all([mover?.close(), watcher?.close(), tablet?.close()])
    await server?.dispose()
  })

  const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.http)

  it('moves a card to another stage with the mouse', async () => {
    const a = await openInvite(await mover.context.newPage(), local(board.urls.owner), 'Mona')
    const b = await openInvite(await watcher.context.newPage(), local(board.urls.viewer), 'Walt')
    await addCard(a, 'Acquire', 'Dragged by mouse')
    const from = await centreOf(cardIn(a, 'Acquire', 'Dragged by mouse'))
    const to = await centreOf(stage(a, 'Engage'))
    await a.mouse.move(from.x, from.y)
    await a.mouse.down()
    // Past the 5 px activation distance, then across in steps so dnd-kit sees the pointer travel.
    await a.mouse.move(from.x + 10, from.y + 10, { steps: 3 })
    await a.mouse.move(to.x, to.y, { steps: 15 })
    await a.mouse.up()
    await expect.poll(() => cardIn(a, 'Engage', 'Dragged by mouse').count()).toBe(1)
    await expect
      .poll(() =>
        stage(b, 'Engage').locator('[data-card-id]').filter({ hasText: 'Dragged by mouse' }).count(),
      )
      .toBe(1)
  })

  it('moves a card to another stage by touch (press and hold, then drag)', async () => {
    const t = await openInvite(await tablet.context.newPage(), local(board.urls.member), 'Tara')
    await addCard(t, 'Activate', 'Dragged by touch')
    const cdp = await tablet.context.newCDPSession(t)
    const from = await centreOf(cardIn(t, 'Activate', 'Dragged by touch'))
    const to = await centreOf(stage(t, 'Retain'))
    await touch(cdp, 'touchStart', from.x, from.y)
    // The touch sensor waits 200 ms before a press becomes a drag (so a swipe still scrolls).
    await t.waitForTimeout(350)
    const steps = 15
    for (let i = 1; i <= steps; i++) {
      await touch(
        cdp,
        'touchMove',
        from.x + ((to.x - from.x) * i) / steps,
        from.y + ((to.y - from.y) * i) / steps,
      )
    }
    await touch(cdp, 'touchEnd', to.x, to.y)
    await expect.poll(() => cardIn(t, 'Retain', 'Dragged by touch').count()).toBe(1)
    const a = mover.context.pages().at(-1)!
    await expect.poll(() => cardIn(a, 'Retain', 'Dragged by touch').count()).toBe(1)
  })

  it('re-renders only the card a keyboard drag moves: not the cards it leaves or joins, nor other stages', async () => {
    const counting = await openSession()
    const page = await counting.context.newPage()
    await page.addInitScript(() => {
      ;(window as unknown as CountingWindow).__tideboardRenderCounts = new Map()
    })
    const k = await openInvite(page, local(board.urls.member), 'Kai')
    await addCard(k, 'Acquire', 'Moved by keyboard')
    // It leaves this one behind, which moves up a place in the stage (and on the board).
    await addCard(k, 'Acquire', 'Stays in Acquire')
    await addCard(k, 'Activate', 'Already in Activate')
    await addCard(k, 'Engage', 'Stays in Engage')
    await addCard(k, 'Expand', 'Stays in Expand')
    await addCard(k, 'Refer', 'Stays in Refer')
    const moved = await cardIn(k, 'Acquire', 'Moved by keyboard').getAttribute('data-card-id')
    const beside = await Promise.all([
      cardIn(k, 'Acquire', 'Stays in Acquire').getAttribute('data-card-id'),
      cardIn(k, 'Activate', 'Already in Activate').getAttribute('data-card-id'),
    ])
    const elsewhere = (
      await Promise.all(['Engage', 'Retain', 'Expand', 'Refer'].map((name) => cardIdsIn(k, name)))
    ).flat()
    expect(elsewhere.length).toBeGreaterThanOrEqual(3)
    await k.evaluate(() => (window as unknown as CountingWindow).__tideboardRenderCounts?.clear())

    await cardIn(k, 'Acquire', 'Moved by keyboard').focus()
    await pickUp(k, /Picked up card Moved by keyboard/)
    await pressAndHear(k, 'ArrowRight', /moved to .*Activate/)
    const duringDrag = await renderCounts(k)
    await pressAndHear(k, 'Space', /dropped in Activate/)
    await expect.poll(() => cardIn(k, 'Activate', 'Moved by keyboard').count()).toBe(1)
    const afterDrop = await renderCounts(k)

    // The counter works: the card that moved was drawn again (as the placeholder, then in Activate).
    expect(duringDrag.get(moved ?? '') ?? 0).toBeGreaterThan(0)
    for (const id of elsewhere) {
      expect(duringDrag.get(id) ?? 0, `renders of ${id} during the drag`).toBe(0)
      expect(afterDrop.get(id) ?? 0, `renders of ${id} after the drop`).toBe(0)
    }
    // The cards of the two stages it changed keep their objects, wherever they now stand.
    for (const id of beside) {
      expect(duringDrag.get(id ?? '') ?? 0, `renders of ${id} during the drag`).toBe(0)
      expect(afterDrop.get(id ?? '') ?? 0, `renders of ${id} after the drop`).toBe(0)
    }
    // Nor the stage columns: a drop re-reads and re-renders the two stages it changed.
    expect(afterDrop.get('stage:acquire') ?? 0).toBeGreaterThan(0)
    for (const stageId of ['engage', 'retain', 'expand', 'refer']) {
      expect(afterDrop.get(`stage:${stageId}`) ?? 0, `renders of stage ${stageId}`).toBe(0)
    }
    await counting.close()
  })

  it('reorders a card within its stage by keyboard', async () => {
    const a = mover.context.pages().at(-1)!
    await addCard(a, 'Expand', 'Reordered one')
    await addCard(a, 'Expand', 'Reordered two')
    const titles = () =>
      stage(a, 'Expand')
        .locator('[data-card-id] .card-title')
        .evaluateAll((els) => els.map((e) => e.textContent ?? ''))
    const [first, second, ...rest] = await titles()
    await cardIn(a, 'Expand', first ?? '').focus()
    await pickUp(a, new RegExp(`Picked up card ${first}`))
    await pressAndHear(a, 'ArrowDown', /moved to stage Expand, position 2 of/)
    await pressAndHear(a, 'Space', /dropped in Expand, position 2 of/)
    await expect.poll(titles).toEqual([second, first, ...rest])
  })
})
