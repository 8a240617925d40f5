// Sign-off of a cross-functional bet in four real Chromium contexts: a member joins through an invite
// link, adds people from two functions and a card owned by both, and proposes it; two leaders (Sales,
// Customer Success) join, find it in their Approvals queue, one approves and one declines with a
// reason; the member sees the declined state and the reason live on the card and in its panel, and the
// activity view says who did what. A viewer has no way to propose, approve or decline.

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCard, card, stage } from './support/boardPage.js'
import { openSession, type Session } from './support/browser.js'
import { openInvite } from './support/joinBoard.js'
import { type CreatedBoard, createBoard, inviteUrl, localUrl, TestServer } from './support/server.js'

const BET = 'Renewal health review before upsell'
const REASON = 'Three of these accounts have open escalations; wait for Support to close them.'

const panel = (page: Page, title: string) => page.getByRole('dialog', { name: title, exact: true })
const view = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name })

async function addPerson(page: Page, name: string, fn: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a person' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Function').selectOption(fn)
  await form.getByRole('button', { name: 'Add person' }).click()
  await page.getByRole('list', { name: 'People on this board' }).getByText(name, { exact: true }).waitFor()
}

describe('leaders sign off a cross-functional bet', () => {
  let server: TestServer
  let board: CreatedBoard
  let urls: { sales: string; success: string; member: string; viewer: string }
  let member: Session
  let sales: Session
  let success: Session
  let viewer: Session
  let m: Page
  let ls: Page
  let lc: Page

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Sign-off board')
    const local = (url: string) => localUrl(server, url)
    const invite = (json: { role: string; function?: string; name?: string }) =>
      inviteUrl(server, board, json)
    urls = {
      sales: await invite({ role: 'leader', function: 'Sales' }),
      success: await invite({ role: 'leader', function: 'Customer Success' }),
      member: await invite({ role: 'member', name: 'Mia Planner' }),
      viewer: local(board.urls.viewer),
    }
    ;[member, sales, success, viewer] = await Promise.all([
      openSession(),
      openSession(),
      openSession(),
      openSession(),
    ])
  })
  afterAll(async () => {
    await Promise.all([member?.close(), sales?.close(), success?.close(), viewer?.close()])
    await server?.dispose()
  })

  it('lets a member join by name and propose a bet owned by two functions', async () => {
    m = await member.context.newPage()
    await m.goto(urls.member)
    // The invite's name is offered; joining keeps a personal token instead of the link's.
    await expect.poll(() => m.getByRole('textbox', { name: 'Your name' }).inputValue()).toBe('Mia Planner')
    await m.getByRole('button', { name: 'Join board' }).click()
    await stage(m, 'Retain').waitFor()
    await expect.poll(() => m.getByTestId('identity').textContent()).toMatch(/Mia Planner.*Member/)

    await m.getByRole('button', { name: 'People', exact: true }).click()
    await addPerson(m, 'Sam Seller', 'Sales')
    await addPerson(m, 'Cora Success', 'Customer Success')
    await m.keyboard.press('Escape')

    await addCard(m, 'Retain', BET)

    await m
      .locator('.card-slot')
      .filter({ has: card(m, BET) })
      .getByRole('button', { name: 'Open details' })
      .click()
    const p = panel(m, BET)
    await p.getByLabel('Sales', { exact: true }).selectOption({ label: 'Sam Seller' })
    await p.getByLabel('Customer Success', { exact: true }).selectOption({ label: 'Cora Success' })
    const status = p.getByLabel('Status', { exact: true })
    // Approved and Declined come from leaders' decisions only: never offered as a status.
    expect(await status.locator('option').allTextContents()).toEqual(['Idea', '→ Proposed', '→ Archived'])
    await status.selectOption('proposed')
    await p.getByRole('list', { name: 'Sign-offs in this round' }).waitFor()
    expect(await status.locator('option').allTextContents()).toEqual(['Proposed', '→ Idea', '→ Archived'])
    await m.keyboard.press('Escape')

    await expect
      .poll(() => card(m, BET).getAttribute('aria-label'))
      .toMatch('sign-offs Customer Success waiting, Sales waiting')
  })

  it('puts the bet in each leader’s queue, where one approves and one declines with a reason', async () => {
    ;[ls, lc] = await Promise.all([
      openInvite(await sales.context.newPage(), urls.sales, 'Lena Sales'),
      openInvite(await success.context.newPage(), urls.success, 'Carl Success'),
    ])
    await expect.poll(() => ls.getByTestId('identity').textContent()).toMatch(/Lena Sales.*Leader · Sales/)

    await view(ls, /^Approvals/).click()
    const salesQueue = ls.getByRole('region', { name: /Waiting for your sign-off \(Sales\)/ })
    const salesBet = salesQueue.getByRole('article', { name: BET })
    await salesBet.waitFor()
    // What a leader decides on: the owners from both functions, and who else must sign off.
    await salesBet.getByText('Cora Success').waitFor()
    await salesBet.getByRole('list', { name: /Sign-offs, 0 of 2 decided/ }).waitFor()
    await salesBet.getByRole('textbox', { name: /Reason/ }).fill('Upsell after a health review lands better.')
    await salesBet.getByRole('button', { name: 'Approve', exact: true }).click()
    await salesQueue.getByText('Nothing waits for you.').waitFor()

    await view(lc, /^Approvals/).click()
    const successQueue = lc.getByRole('region', { name: /Waiting for your sign-off \(Customer Success\)/ })
    const successBet = successQueue.getByRole('article', { name: BET })
    await successBet.getByRole('list', { name: /Sign-offs, 1 of 2 decided/ }).waitFor()
    // A decline needs a reason: the form says so instead of sending it.
    await successBet.getByRole('button', { name: 'Decline', exact: true }).click()
    await successBet.getByText(/Say why you decline/).waitFor()
    await successBet.getByRole('textbox', { name: /Reason/ }).fill(REASON)
    await successBet.getByRole('button', { name: 'Decline', exact: true }).click()
    await successQueue.getByText('Nothing waits for you.').waitFor()

    // The decision log, for everyone, newest first.
    const log = lc.getByRole('table')
    await expect.poll(() => log.getByRole('row').count()).toBe(3)
    expect(await log.getByRole('row').nth(1).textContent()).toMatch(
      /Customer Success.*Declined.*Carl Success/,
    )
    expect(await log.getByRole('row').nth(2).textContent()).toMatch(/Sales.*Approved.*Lena Sales/)
  })

  it('shows the member the declined state and the reason live, on the card and in its panel', async () => {
    await expect.poll(() => card(m, BET).getAttribute('aria-label')).toMatch(/Declined/)
    await card(m, BET).getByText(REASON).waitFor()
    expect(await card(m, BET).getAttribute('aria-label')).toMatch(
      'sign-offs Customer Success declined, Sales approved',
    )

    await m
      .locator('.card-slot')
      .filter({ has: card(m, BET) })
      .getByRole('button', { name: 'Open details' })
      .click()
    const rows = panel(m, BET).getByRole('list', { name: 'Sign-offs in this round' })
    await expect
      .poll(() => rows.getByRole('listitem').filter({ hasText: 'Customer Success' }).textContent())
      .toMatch(/Declined.*Carl Success.*Three of these accounts/)
    expect(await rows.getByRole('listitem').filter({ hasText: 'Sales' }).first().textContent()).toMatch(
      /Approved.*Lena Sales/,
    )
    const history = panel(m, BET).getByRole('list', { name: 'Decision history' })
    expect(await history.getByRole('listitem').count()).toBe(2)
    // Approved or declined is never a status the member can pick.
    const options = await panel(m, BET)
      .getByLabel('Status', { exact: true })
      .locator('option')
      .allTextContents()
    expect(options.some((o) => /Approved/.test(o))).toBe(false)
    await m.keyboard.press('Escape')
  })

  it('lists who did what in the activity view', async () => {
    await view(m, /^Activity/).click()
    const feed = m.getByRole('list', { name: 'Board activity' })
    await feed.getByText(/declined “Renewal health review before upsell” for Customer Success/).waitFor()
    const lines = await feed.getByRole('listitem').allTextContents()
    expect(lines.some((l) => l.includes(`Carl Success declined “${BET}” for Customer Success`))).toBe(true)
    expect(lines.some((l) => l.includes(`Lena Sales approved “${BET}” for Sales`))).toBe(true)
    expect(lines.some((l) => l.includes(`Mia Planner proposed “${BET}”`))).toBe(true)
    expect(lines.some((l) => l.includes(`Mia Planner created “${BET}”`))).toBe(true)

    // Filtered by person: only Lena's decision.
    await m.getByLabel('Person').selectOption({ label: 'Lena Sales' })
    await expect.poll(() => feed.getByRole('listitem').count()).toBe(1)
    expect(await feed.getByRole('listitem').textContent()).toMatch(/Lena Sales approved/)
  })

  it('gives a viewer the sign-offs to read and nothing to change', async () => {
    const v = await openInvite(await viewer.context.newPage(), urls.viewer, 'Vic Viewer')
    await card(v, BET).getByText(REASON).waitFor()
    await card(v, BET).focus()
    await v.keyboard.press('Enter')
    const p = panel(v, BET)
    await p.getByRole('list', { name: 'Sign-offs in this round' }).waitFor()
    for (const name of ['Approve', 'Decline', 'Add sign-off', 'Delete card']) {
      expect(await p.getByRole('button', { name, exact: true }).count(), name).toBe(0)
    }
    expect(await p.getByRole('combobox').count()).toBe(0)
    await v.keyboard.press('Escape')
    await view(v, /^Approvals/).click()
    await v.getByRole('table').waitFor()
    expect(await v.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0)
    expect(await view(v, /^Members/).count()).toBe(0)
  })
})
