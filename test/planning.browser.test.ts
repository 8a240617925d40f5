// The planning model in two real Chromium contexts: one planner adds people and KPIs, builds an
// initiative with two hypotheses, owners from two functions and KPI links; the other sees it all live
// in the card detail and the KPI view, opens a shared filter link onto the same filtered board, and
// does not re-render every card on each remote keystroke.

import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCard, card, stage } from './support/boardPage.js'
import { openSession, type Session } from './support/browser.js'
import { openInvite } from './support/joinBoard.js'
import { type CreatedBoard, createBoard, TestServer } from './support/server.js'

const panel = (page: Page, title: string) => page.getByRole('dialog', { name: title, exact: true })
const view = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true })

const INITIATIVE = 'Guided onboarding for new workspaces'
const CHECKLIST = 'Setup checklist lifts activation'
const WELCOME_CALL = 'Welcome call for new admins'

/** Opens an invite link in a fresh page and joins as `name` (the board asks who you are). */
async function openBoard(session: Session, url: string, name: string): Promise<Page> {
  return openInvite(await session.context.newPage(), url, name)
}

async function addPerson(page: Page, name: string, fn: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a person' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Function').selectOption(fn)
  await form.getByRole('button', { name: 'Add person' }).click()
  await page.getByRole('list', { name: 'People on this board' }).getByText(name, { exact: true }).waitFor()
}

async function addKpi(
  page: Page,
  kpi: { name: string; unit: string; baseline: string; target: string; parent?: string },
) {
  await page.getByRole('button', { name: 'Add KPI', exact: true }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add a KPI' })
  await dialog.getByLabel('Name').fill(kpi.name)
  await dialog.getByLabel('Unit').fill(kpi.unit)
  await dialog.getByLabel('Baseline').fill(kpi.baseline)
  await dialog.getByLabel('Target').fill(kpi.target)
  if (kpi.parent) await dialog.getByLabel('Rolls up to').selectOption({ label: kpi.parent })
  await dialog.getByRole('button', { name: 'Add KPI' }).click()
  await page.getByRole('article', { name: kpi.name }).waitFor()
}

const selected = (select: Locator) => select.locator('option:checked').textContent()

/** The render counter the client keeps when a test asks for it (client/src/state/renderCounts.ts). */
type CountingWindow = { __tideboardRenderCounts?: Map<string, number> }

describe('planning together', () => {
  let server: TestServer
  let board: CreatedBoard
  let alice: Session
  let bob: Session
  let a: Page
  let b: Page

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Planning board')
    ;[alice, bob] = await Promise.all([openSession(), openSession()])
    // Bob's pages count card renders (see client/src/state/renderCounts.ts).
    await bob.context.addInitScript(() => {
      ;(window as unknown as CountingWindow).__tideboardRenderCounts = new Map()
    })
    const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.http)
    a = await openBoard(alice, local(board.urls.owner), 'Alice')
    b = await openBoard(bob, local(board.urls.member), 'Bob')
  })
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()])
    await server?.dispose()
  })

  it('builds people and KPIs that the other context sees', async () => {
    await a.getByRole('button', { name: 'People', exact: true }).click()
    await addPerson(a, 'Maya Okafor', 'Marketing')
    await addPerson(a, 'Diego Alvarez', 'Sales')
    await a.getByRole('dialog', { name: 'People' }).getByRole('button', { name: 'Close' }).click()

    await view(a, 'KPIs').click()
    await a.getByText('No KPIs yet.').waitFor()
    await addKpi(a, { name: 'Net revenue retention', unit: '%', baseline: '98', target: '110' })
    await addKpi(a, {
      name: 'Trial activation rate',
      unit: '%',
      baseline: '31',
      target: '45',
      parent: 'Net revenue retention',
    })
    // The first KPI became the North Star, shown in the top bar.
    await a.getByRole('button', { name: /North Star.*Net revenue retention/ }).waitFor()

    await b.getByRole('button', { name: 'People', exact: true }).click()
    const people = b.getByRole('list', { name: 'People on this board' })
    await people.getByText('Diego Alvarez', { exact: true }).waitFor()
    expect(await people.getByText('Maya Okafor', { exact: true }).count()).toBe(1)
    await b.keyboard.press('Escape')
    await b.getByRole('button', { name: /North Star.*Net revenue retention/ }).waitFor()
  })

  it('builds an initiative with two hypotheses, owners and KPIs, live in the other detail view', async () => {
    await view(a, 'Board').click()
    await addCard(a, 'Activate', INITIATIVE)

    // Bob opens the new card's details before Alice fills it in: everything below arrives live.
    await card(b, INITIATIVE).waitFor()
    await card(b, INITIATIVE).focus()
    await b.keyboard.press('o')
    const bobPanel = panel(b, INITIATIVE)
    await bobPanel.waitFor()
    expect(await b.evaluate(() => document.activeElement?.tagName)).toBe('DIALOG')

    const slot = a.locator('.card-slot').filter({ has: card(a, INITIATIVE) })
    await slot.getByRole('button', { name: 'Open details' }).click()
    const p = panel(a, INITIATIVE)
    await p.getByLabel('Marketing', { exact: true }).selectOption({ label: 'Maya Okafor' })
    await p.getByLabel('Sales', { exact: true }).selectOption({ label: 'Diego Alvarez' })
    await p.getByRole('checkbox', { name: 'Trial activation rate' }).check()
    await p
      .getByRole('textbox', { name: 'Description' })
      .fill('One first-week journey instead of two email tracks.')
    for (const title of [CHECKLIST, WELCOME_CALL]) {
      await p.getByLabel('New hypothesis title').fill(title)
      await p.getByRole('button', { name: 'Add hypothesis' }).click()
      await p.getByRole('button', { name: title, exact: true }).waitFor()
    }

    await expect.poll(() => selected(bobPanel.getByLabel('Marketing', { exact: true }))).toBe('Maya Okafor')
    await expect.poll(() => selected(bobPanel.getByLabel('Sales', { exact: true }))).toBe('Diego Alvarez')
    await expect
      .poll(() => bobPanel.getByRole('checkbox', { name: 'Trial activation rate' }).isChecked())
      .toBe(true)
    await expect
      .poll(() => bobPanel.getByRole('textbox', { name: 'Description' }).textContent())
      .toBe('One first-week journey instead of two email tracks.')
    await bobPanel.getByRole('button', { name: WELCOME_CALL, exact: true }).waitFor()
    await bobPanel.getByRole('button', { name: CHECKLIST, exact: true }).waitFor()

    // Alice opens a hypothesis from the initiative and scores it; it is linked to both KPIs.
    await p.getByRole('button', { name: CHECKLIST, exact: true }).click()
    const h = panel(a, CHECKLIST)
    await h.getByText(`Part of`).waitFor()
    await h.getByLabel('Impact', { exact: true }).selectOption('7')
    await h.getByLabel('Confidence', { exact: true }).selectOption('6')
    await h.getByLabel('Ease', { exact: true }).selectOption('8')
    await h.getByText('ICE 336').waitFor()
    await h.getByRole('checkbox', { name: 'Trial activation rate' }).check()
    await h.getByRole('checkbox', { name: /Net revenue retention/ }).check()
    await a.keyboard.press('Escape')
    await expect.poll(() => panel(a, CHECKLIST).count()).toBe(0)

    // Bob sees the initiative's hypotheses with their status, and the board card names its parent.
    await expect
      .poll(() => bobPanel.getByRole('listitem').filter({ hasText: CHECKLIST }).textContent())
      .toMatch(/Idea.*ICE 336/)
    await b.keyboard.press('Escape')
    await expect
      .poll(() => b.evaluate(() => document.activeElement?.getAttribute('data-card-id') ?? null))
      .not.toBeNull()
    const checklist = stage(b, 'Activate').getByRole('button', { name: new RegExp(`^${CHECKLIST}`) })
    await expect.poll(() => checklist.getAttribute('aria-label')).toMatch(`part of ${INITIATIVE}`)
    await expect
      .poll(() => card(b, INITIATIVE).getAttribute('aria-label'))
      .toMatch('owners Maya Okafor (Marketing), Diego Alvarez (Sales)')
  })

  it('shows the other context the KPI tree with shared credit, each card counted once', async () => {
    await view(b, 'KPIs').click()
    const nrr = b.getByRole('article', { name: 'Net revenue retention' })
    // The initiative (via Trial activation rate) and the checklist (linked to both): two cards, not three.
    await nrr.getByText('Moved by 2 cards').waitFor()
    const credit = nrr.getByRole('list', { name: 'Functions sharing the credit for Net revenue retention' })
    expect((await credit.getByRole('listitem').allTextContents()).sort()).toEqual(['Marketing', 'Sales'])
    const activation = b.getByRole('article', { name: 'Trial activation rate' })
    await activation.getByText('Moved by 2 cards').waitFor()
    expect(await activation.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0')

    // A check-in recorded by Alice moves the progress bar on Bob's screen.
    await view(a, 'KPIs').click()
    const form = a.getByRole('form', { name: 'Add a check-in for Trial activation rate' })
    await form.getByLabel('Date').fill('2026-10-01')
    await form.getByLabel(/Value/).fill('38')
    await form.getByRole('button', { name: 'Add check-in' }).click()
    await expect.poll(() => activation.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50')

    // A credited card opens its details from the KPI view.
    await nrr.getByRole('button', { name: CHECKLIST, exact: true }).click()
    await panel(b, CHECKLIST).getByText('ICE 336').waitFor()
    await b.keyboard.press('Escape')
  })

  it('opens a shared filter link on the same filtered board', async () => {
    await view(a, 'Board').click()
    await a.locator('summary', { hasText: 'Function' }).click()
    await a.getByRole('checkbox', { name: 'Sales' }).check()
    await a.keyboard.press('Escape')
    await a.getByText('Hide others').click()
    await a.getByText('1 of 3 cards match').waitFor()
    const link = a.url()
    expect(link).toMatch(/[?&]function=Sales/)
    expect(link).toMatch(/[?&]hide=1/)
    expect(link).not.toMatch(/token=/)

    const shared = await bob.context.newPage()
    await shared.goto(link)
    await shared.getByText('1 of 3 cards match').waitFor()
    await shared.getByRole('list', { name: 'Active filters' }).getByText('Function: Sales').waitFor()
    expect(await shared.locator('[data-card-id]').count()).toBe(1)
    await card(shared, INITIATIVE).waitFor()

    // Removing the chip clears the filter and the URL.
    await shared.getByRole('button', { name: 'Remove filter Function: Sales' }).click()
    await expect.poll(() => shared.locator('[data-card-id]').count()).toBe(3)
    expect(shared.url()).not.toMatch(/function=/)
    await shared.close()
  })

  it('re-renders only the card being typed into on the other screen', async () => {
    await view(b, 'Board').click()
    await card(b, CHECKLIST).waitFor()
    const ids = await b
      .locator('[data-card-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-card-id')))
    expect(ids.length).toBe(3)
    const typedInto = await card(b, INITIATIVE).getAttribute('data-card-id')
    await b.waitForTimeout(300)
    await b.evaluate(() => (window as unknown as CountingWindow).__tideboardRenderCounts?.clear())

    await card(a, INITIATIVE).focus()
    await a.keyboard.press('o')
    const description = panel(a, INITIATIVE).getByRole('textbox', { name: 'Description' })
    await description.press('End')
    await description.pressSequentially(' Owned together.', { delay: 20 })
    await a.keyboard.press('Escape')

    const counts = async () =>
      new Map(
        await b.evaluate(() => [
          ...((window as unknown as CountingWindow).__tideboardRenderCounts ?? new Map()),
        ]),
      )
    await expect.poll(async () => (await counts()).get(typedInto ?? '') ?? 0).toBeGreaterThan(0)
    await b.waitForTimeout(500)
    const after = await counts()
    for (const id of ids) if (id !== typedInto) expect(after.get(id ?? '') ?? 0, `renders of ${id}`).toBe(0)
  })
})
