// Comments with @mentions in real Chromium contexts: Maya mentions Diego through the autocomplete
// (keyboard only); Diego, on the board, gets the "@" badge on the card and a count on the Mentions
// bell, live; opening the card shows the thread and clears both, also after a reload. Edit and Delete
// are offered on one's own comments only, and a viewer reads the thread without a composer.

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCard, card } from './support/boardPage.js'
import { openSession, type Session } from './support/browser.js'
import { openInvite } from './support/joinBoard.js'
import { type CreatedBoard, createBoard, inviteUrl, TestServer } from './support/server.js'

const CARD = 'Partner webinar'

const mentionBadge = (page: Page, title: string) => card(page, title).getByTestId('mention-badge')
const bell = (page: Page) => page.locator('summary.mentions-button')
const panel = (page: Page) => page.getByRole('dialog', { name: CARD })
const thread = (page: Page) => panel(page).getByRole('list', { name: 'Comments' })
const commentBy = (page: Page, text: string) => thread(page).getByRole('listitem').filter({ hasText: text })
const composer = (page: Page) => panel(page).getByRole('textbox', { name: 'Add a comment' })
/** Opens the card's panel from the keyboard (O), as a pointer may land on someone's presence mark. */
async function openCard(page: Page): Promise<void> {
  await card(page, CARD).press('o')
  await panel(page).waitFor()
}

describe('comments and mentions', () => {
  let server: TestServer
  let board: CreatedBoard
  let maya: Session
  let diego: Session
  let vera: Session
  let a: Page
  let b: Page
  let v: Page

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Comments board')
    const invite = (json: { role: string; function?: string; name?: string }) =>
      inviteUrl(server, board, json)
    const [mayaUrl, diegoUrl, veraUrl] = await Promise.all([
      invite({ role: 'leader', function: 'Marketing', name: 'Maya Okafor' }),
      invite({ role: 'member', name: 'Diego Alvarez' }),
      invite({ role: 'viewer', name: 'Vera Lind' }),
    ])
    ;[maya, diego, vera] = await Promise.all([openSession(), openSession(), openSession()])
    ;[a, b, v] = await Promise.all([
      openInvite(await maya.context.newPage(), mayaUrl, 'Maya Okafor'),
      openInvite(await diego.context.newPage(), diegoUrl, 'Diego Alvarez'),
      openInvite(await vera.context.newPage(), veraUrl, 'Vera Lind'),
    ])
    await addCard(a, 'Acquire', CARD)
    await card(b, CARD).waitFor()
  })
  afterAll(async () => {
    await Promise.all([maya?.close(), diego?.close(), vera?.close()])
    await server?.dispose()
  })

  it('mentions someone through the keyboard autocomplete; they get a badge on the card and the bell', async () => {
    await openCard(a)
    const box = composer(a)
    await box.click()
    await box.pressSequentially('Can @die')
    const list = panel(a).getByRole('listbox', { name: 'Mention someone' })
    await list.waitFor()
    // Only other members are offered, and the active option is announced through the textbox.
    expect(await list.getByRole('option').allTextContents()).toEqual(['DADiego Alvarez'])
    const active = await box.getAttribute('aria-activedescendant')
    expect(active).toBe(await list.getByRole('option', { name: /Diego Alvarez/ }).getAttribute('id'))
    await box.press('Enter')
    await list.waitFor({ state: 'detached' })
    await box.pressSequentially('join the kickoff?')
    expect(await box.inputValue()).toBe('Can @Diego Alvarez join the kickoff?')
    await box.press('Control+Enter')
    await commentBy(a, 'join the kickoff?').waitFor()
    expect(await box.inputValue()).toBe('')

    // Diego is on the board with the card closed: the mention shows on the card and in the bell.
    await mentionBadge(b, CARD).waitFor()
    await expect.poll(() => bell(b).textContent()).toMatch(/Mentions\s*1 new/)
    expect(await card(b, CARD).getAttribute('aria-label')).toContain('1 comment, a new mention of you')
    // Maya is not told about her own comment.
    expect(await mentionBadge(a, CARD).count()).toBe(0)
    expect(await bell(a).textContent()).toMatch(/none new/)
  })

  it('opens the card from the bell, shows the thread and clears the badge, also after a reload', async () => {
    await bell(b).click()
    const item = b.getByRole('list', { name: 'New mentions of you' }).getByRole('button')
    await expect.poll(() => item.textContent()).toMatch(/Maya Okafor on Partner webinar/)
    await item.click()
    await panel(b).waitFor()
    const comment = commentBy(b, 'join the kickoff?')
    await comment.waitFor()
    // The mention is brought into view and focused, not left at the bottom of a long panel.
    await expect
      .poll(() => b.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('join the kickoff?')
    expect(await comment.textContent()).toContain('Maya Okafor')
    expect(await comment.textContent()).toContain('mentions you')
    // Someone else's comment: no Edit or Delete for Diego.
    expect(await comment.getByRole('button').count()).toBe(0)

    await expect.poll(() => bell(b).textContent()).toMatch(/none new/)
    await b.keyboard.press('Escape')
    await panel(b).waitFor({ state: 'detached' })
    expect(await mentionBadge(b, CARD).count()).toBe(0)
    await b.reload()
    await card(b, CARD).waitFor()
    // The comment count stays; the mention stays seen.
    await expect.poll(() => card(b, CARD).getAttribute('aria-label')).toContain('1 comment')
    expect(await mentionBadge(b, CARD).count()).toBe(0)
    expect(await bell(b).textContent()).toMatch(/none new/)
  })

  it('offers edit and delete on one’s own comments only, and everyone sees the changes live', async () => {
    await openCard(b)
    await composer(b).fill('Yes, I will bring the Sales deck.')
    await panel(b).getByRole('button', { name: 'Comment', exact: true }).click()
    await commentBy(a, 'Sales deck').waitFor()
    expect(await commentBy(a, 'Sales deck').getByRole('button').count()).toBe(0)

    // Maya edits hers; Diego, with the card open, sees the new text marked edited.
    const mine = commentBy(a, 'join the kickoff?')
    await mine.getByRole('button', { name: 'Edit your comment' }).click()
    // (The comment's own text is hidden while it is edited, so look for the textbox in the panel.)
    const edit = panel(a).getByRole('textbox', { name: 'Edit your comment' })
    await edit.fill('Can @Diego Alvarez join the kickoff on Monday?')
    await edit.press('Control+Enter')
    const edited = commentBy(b, 'on Monday?')
    await edited.waitFor()
    expect(await edited.textContent()).toContain('edited')
    // The edit kept the mention; Diego has the card open, so it is not new to him.
    expect(await edited.locator('.mention.is-me').textContent()).toBe('@Diego Alvarez')
    expect(await bell(b).textContent()).toMatch(/none new/)

    // Escape cancels an edit and leaves the text alone.
    await commentBy(a, 'on Monday?').getByRole('button', { name: 'Edit your comment' }).click()
    await panel(a).getByRole('textbox', { name: 'Edit your comment' }).press('Escape')
    await commentBy(a, 'on Monday?').getByRole('button', { name: 'Edit your comment' }).waitFor()

    // Delete asks first; Keep it changes nothing, Delete removes it for everyone.
    await commentBy(a, 'on Monday?').getByRole('button', { name: 'Delete your comment' }).click()
    const confirm = panel(a).getByRole('group', { name: 'Delete this comment?' })
    await confirm.getByRole('button', { name: 'Keep it' }).click()
    await commentBy(a, 'on Monday?').getByRole('button', { name: 'Delete your comment' }).click()
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click()
    await commentBy(b, 'on Monday?').waitFor({ state: 'detached' })
    expect(await thread(b).getByRole('listitem').count()).toBe(1)
  })

  it('lets a viewer read the thread but not write in it', async () => {
    await expect.poll(() => card(v, CARD).getAttribute('aria-label')).toContain('1 comment')
    await openCard(v)
    await commentBy(v, 'Sales deck').waitFor()
    expect(await panel(v).getByRole('textbox', { name: 'Add a comment' }).count()).toBe(0)
    expect(await thread(v).getByRole('button').count()).toBe(0)
  })

  it('counts each card’s comments in the list view', async () => {
    await v.keyboard.press('Escape')
    await v.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'List' }).click()
    const table = v.getByRole('table', { name: /^Cards/ })
    const column = (await table.getByRole('columnheader').allTextContents()).indexOf('Comments')
    expect(column).toBeGreaterThan(0)
    const row = table.getByRole('row').filter({ has: v.getByRole('rowheader', { name: CARD }) })
    await expect.poll(() => row.locator('th, td').nth(column).textContent()).toBe('1')
  })
})
