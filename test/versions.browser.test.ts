// Named versions in two Chromium contexts: the owner saves "Before Q3 review"; a member drags a card
// to another stage by keyboard, opens the version read-only and finds the card in its old stage with
// the move listed under "Changes since this version"; the owner restores it through the confirmation
// dialog (Escape cancels it first), and both screens show the card back in its old stage.

import { addCard } from '@tideboard/shared'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { card, stage } from './support/boardPage.js'
import { openSession, type Session } from './support/browser.js'
import { openInvite } from './support/joinBoard.js'
import { pickUp, pressAndHear } from './support/keyboardDrag.js'
import { type CreatedBoard, createBoard, localUrl, TestServer } from './support/server.js'
import { connect, eventually, synced } from './support/yclient.js'

const CARD = 'Partner webinars'
const VERSION = 'Before Q3 review'

/** The card in a stage column (a region named after the stage). */
const cardIn = (page: Page, column: Locator, title: string) => column.locator(card(page, title))
const view = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true })
const versionFunnel = (page: Page) => page.getByRole('region', { name: `Board at version “${VERSION}”` })
const versionStage = (page: Page, name: string) =>
  versionFunnel(page).getByRole('region', { name, exact: true })
const changes = (page: Page) => page.getByRole('list', { name: 'Changes since this version' })

describe('named versions in the browser', () => {
  let server: TestServer
  let board: CreatedBoard
  let owner: Session
  let member: Session
  let o: Page
  let m: Page

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Versions board')
    const seed = connect(server.ws, board.id, board.invites.member)
    await synced(seed)
    addCard(seed.doc, { kind: 'initiative', title: CARD, stageId: 'acquire' })
    // The server has it once a second client sees it.
    const check = connect(server.ws, board.id, board.invites.viewer)
    await synced(check)
    await eventually(() => check.doc.getMap('cards').size === 1, 'the seeded card is on the server')
    seed.destroy()
    check.destroy()
    ;[owner, member] = await Promise.all([openSession(), openSession()])
  })
  afterAll(async () => {
    await Promise.all([owner?.close(), member?.close()])
    await server?.dispose()
  })

  it('lets the owner save a named version', async () => {
    o = await openInvite(await owner.context.newPage(), localUrl(server, board.urls.owner), 'Olivia')
    await view(o, 'Versions').click()
    await o.getByText('No versions yet.').waitFor()
    const form = o.getByRole('form', { name: 'Save a version' })
    // An empty name is refused with a message, and nothing is saved.
    await form.getByRole('button', { name: 'Save version' }).click()
    await o.getByRole('alert').filter({ hasText: 'Give the version a name' }).waitFor()
    await form.getByRole('textbox', { name: 'Version name' }).fill(VERSION)
    await form.getByRole('button', { name: 'Save version' }).click()
    await o
      .getByRole('status')
      .filter({ hasText: `Saved version “${VERSION}”.` })
      .waitFor()
    const list = o.getByRole('list', { name: 'Saved versions' })
    await expect
      .poll(() => list.getByRole('listitem').allTextContents())
      .toEqual([expect.stringMatching(new RegExp(`^${VERSION}by Olivia · just now · 1 card`))])
  })

  it('shows a member the version read-only, with the card in its old stage and the move listed', async () => {
    m = await openInvite(await member.context.newPage(), localUrl(server, board.urls.member), 'Mo')
    await cardIn(m, stage(m, 'Acquire'), CARD).focus()
    await pickUp(m, new RegExp(`Picked up card ${CARD}`))
    await pressAndHear(m, 'ArrowRight', /moved to .*Activate/)
    await pressAndHear(m, 'Space', /dropped in Activate/)
    await cardIn(m, stage(m, 'Activate'), CARD).waitFor()

    await view(m, 'Versions').click()
    await m.getByRole('button', { name: `Open version “${VERSION}”` }).click()
    const heading = m.getByRole('heading', { name: `Viewing version “${VERSION}” — read-only` })
    await heading.waitFor()
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true)
    await cardIn(m, versionStage(m, 'Acquire'), CARD).waitFor()
    expect(await cardIn(m, versionStage(m, 'Activate'), CARD).count()).toBe(0)
    await expect
      .poll(() => changes(m).getByRole('listitem').allTextContents())
      .toEqual([`Moved “${CARD}” Acquire → Activate`])
    // Read-only: nothing to drag, add or restore for a member.
    expect(await m.getByRole('button', { name: 'Restore this version' }).count()).toBe(0)
    expect(
      await versionFunnel(m)
        .getByRole('button', { name: /add card/i })
        .count(),
    ).toBe(0)
  })

  it('lets the owner restore it after confirming, and both screens show the card back', async () => {
    await o.getByRole('button', { name: `Open version “${VERSION}”` }).click()
    await expect
      .poll(() => changes(o).getByRole('listitem').allTextContents())
      .toEqual([`Moved “${CARD}” Acquire → Activate`])
    const restore = o.getByRole('button', { name: 'Restore this version' })
    const dialog = o.getByRole('dialog', { name: `Restore “${VERSION}”?` })

    // Escape cancels: the dialog closes, focus is back on the button, and nothing was restored.
    await restore.click()
    await dialog.waitFor()
    await expect
      .poll(() =>
        dialog.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement),
      )
      .toBe(true)
    await o.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => restore.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await changes(o).getByRole('listitem').count()).toBe(1)

    await restore.click()
    await dialog.getByRole('button', { name: 'Restore version' }).click()
    await o
      .getByRole('status')
      .filter({ hasText: `Restored “${VERSION}”.` })
      .waitFor()
    const list = o.getByRole('list', { name: 'Saved versions' })
    await expect
      .poll(() => list.locator('.version-name').allTextContents())
      .toEqual([`Before restoring “${VERSION}”`, VERSION])

    // The member, still looking at the version, sees nothing left to list; then the board itself.
    await m.getByText('Nothing on the board has changed since this version.').waitFor()
    for (const page of [o, m]) {
      await view(page, 'Board').click()
      await cardIn(page, stage(page, 'Acquire'), CARD).waitFor()
      expect(await cardIn(page, stage(page, 'Activate'), CARD).count()).toBe(0)
    }
    await view(m, 'Activity').click()
    await m.getByText(`restored version “${VERSION}”`).waitFor()
  })
})
