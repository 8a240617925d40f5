// Two people on one board in real Chromium: what one adds or moves by keyboard appears for the
// other, and a viewer has no way to edit.

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCard, card, stage } from './support/boardPage.js'
import { openSession, type Session } from './support/browser.js'
import { openInvite } from './support/joinBoard.js'
import { pickUp, pressAndHear } from './support/keyboardDrag.js'
import { type CreatedBoard, createBoard, TestServer } from './support/server.js'

/** Opens an invite link in a fresh page and joins as `name` (the board asks who you are). */
async function openBoard(session: Session, url: string, name: string): Promise<Page> {
  return openInvite(await session.context.newPage(), url, name)
}

describe('a board in two browsers', () => {
  let server: TestServer
  let board: CreatedBoard
  let alice: Session
  let bob: Session
  let vera: Session

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Browser board')
    ;[alice, bob, vera] = await Promise.all([openSession(), openSession(), openSession()])
  })
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close(), vera?.close()])
    await server?.dispose()
  })

  it('shows a card added in one context in the other', async () => {
    const a = await openBoard(alice, board.urls.owner.replace(/^https?:\/\/[^/]+/, server.http), 'Alice')
    const b = await openBoard(bob, board.urls.member.replace(/^https?:\/\/[^/]+/, server.http), 'Bob')
    await addCard(a, 'Acquire', 'Partner webinar series')
    await expect
      .poll(() =>
        stage(b, 'Acquire')
          .getByRole('button', { name: /^Partner webinar series/ })
          .count(),
      )
      .toBe(1)
  })

  it('moves a card to another stage by keyboard and the other context follows', async () => {
    const a = alice.context.pages().at(-1)!
    const b = bob.context.pages().at(-1)!
    const moving = stage(a, 'Acquire').getByRole('button', { name: /^Partner webinar series/ })
    await moving.focus()
    await pickUp(a, /Picked up card Partner webinar series/)
    await pressAndHear(a, 'ArrowRight', /moved to .*Activate/)
    await pressAndHear(a, 'Space', /dropped in Activate/)
    await expect
      .poll(() =>
        stage(a, 'Activate')
          .getByRole('button', { name: /^Partner webinar series/ })
          .count(),
      )
      .toBe(1)
    await expect
      .poll(() =>
        stage(b, 'Activate')
          .getByRole('button', { name: /^Partner webinar series/ })
          .count(),
      )
      .toBe(1)
    expect(
      await stage(b, 'Acquire')
        .getByRole('button', { name: /^Partner webinar series/ })
        .count(),
    ).toBe(0)
  })

  it('gives a viewer no way to edit, while showing everything live', async () => {
    const v = await openBoard(vera, board.urls.viewer.replace(/^https?:\/\/[^/]+/, server.http), 'Vera')
    await card(v, 'Partner webinar series').waitFor()
    expect(await v.getByRole('article', { name: /^Partner webinar series/ }).count()).toBe(1)
    for (const name of ['Add card', 'Edit title', 'Delete card', 'Undo', 'Redo', 'Share']) {
      expect(await v.getByRole('button', { name, exact: true }).count(), name).toBe(0)
    }
    expect(await v.locator('[aria-roledescription="sortable"]').count()).toBe(0)

    const a = alice.context.pages().at(-1)!
    await addCard(a, 'Retain', 'Renewal health review')
    await card(v, 'Renewal health review').waitFor()
  })
})
