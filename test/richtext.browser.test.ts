// Collaborative rich text in two real Chromium contexts on one board: both type into one card
// description at once and end with the same text holding both people's words, each seeing the
// other's caret with their name; undo (Ctrl+Z in the editor, the Undo button, Shift+Ctrl+Z) takes
// back only one's own typing, in both screens; bold set from the toolbar arrives as bold.

import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCard, card } from './support/boardPage.js'
import { openSession, type Session } from './support/browser.js'
import { openInvite } from './support/joinBoard.js'
import { type CreatedBoard, createBoard, inviteUrl, TestServer } from './support/server.js'

const panel = (page: Page, title: string) => page.getByRole('dialog', { name: title, exact: true })
const description = (page: Page, title: string) =>
  panel(page, title).getByRole('textbox', { name: 'Description', exact: true })
/** The text typed in an editor, without the other people's caret labels drawn inside it. */
const textOf = (editor: Locator) =>
  editor.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement
    for (const caret of Array.from(copy.querySelectorAll('.rich-caret'))) caret.remove()
    return (copy.textContent ?? '').trim()
  })

async function openCard(page: Page, title: string): Promise<Locator> {
  await card(page, title).dblclick()
  const editor = description(page, title)
  await editor.waitFor()
  return editor
}

describe('collaborative rich text', () => {
  let server: TestServer
  let board: CreatedBoard
  let maya: Session
  let diego: Session
  let a: Page
  let b: Page

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Rich text board')
    const [mayaUrl, diegoUrl] = await Promise.all([
      inviteUrl(server, board, { role: 'leader', function: 'Marketing', name: 'Maya Okafor' }),
      inviteUrl(server, board, { role: 'member', name: 'Diego Alvarez' }),
    ])
    ;[maya, diego] = await Promise.all([openSession(), openSession()])
    ;[a, b] = await Promise.all([
      openInvite(await maya.context.newPage(), mayaUrl, 'Maya Okafor'),
      openInvite(await diego.context.newPage(), diegoUrl, 'Diego Alvarez'),
    ])
    // Diego adds the cards, so Maya's undo stack holds nothing but her own typing.
    for (const title of ['Typed together', 'Undo mine', 'Made bold']) await addCard(b, 'Acquire', title)
    await card(a, 'Made bold').waitFor()
  })
  afterAll(async () => {
    await Promise.all([maya?.close(), diego?.close()])
    await server?.dispose()
  })

  it('two people typing in one description at once end with the same text, and see each other’s caret', async () => {
    const [edA, edB] = await Promise.all([openCard(a, 'Typed together'), openCard(b, 'Typed together')])
    await edA.click()
    await edB.click()
    const wordsA = ['apple', 'banana', 'cherry', 'damson']
    const wordsB = ['xenon', 'yttrium', 'zinc', 'wolfram']
    for (let i = 0; i < wordsA.length; i++) {
      await a.keyboard.press('Control+End')
      await a.keyboard.type(` ${wordsA[i]}`)
      await b.keyboard.press('Control+Home')
      await b.keyboard.type(`${wordsB[i]} `)
      if (i === 1) {
        // While they type, each sees the other's caret labelled with their name, in this field.
        await edB.locator('.rich-caret-label', { hasText: 'Maya Okafor' }).waitFor()
        await edA.locator('.rich-caret-label', { hasText: 'Diego Alvarez' }).waitFor()
      }
    }
    await expect.poll(async () => (await textOf(edA)) === (await textOf(edB))).toBe(true)
    const text = await textOf(edA)
    for (const word of [...wordsA, ...wordsB]) expect(text).toContain(word)
    expect(await edA.locator('.rich-caret-label', { hasText: 'Maya Okafor' }).count()).toBe(0)
    await a.keyboard.press('Escape')
    await b.keyboard.press('Escape')
    await panel(a, 'Typed together').waitFor({ state: 'detached' })
    await panel(b, 'Typed together').waitFor({ state: 'detached' })
  })

  it('undo takes back only one’s own typing, in the editor and from the Undo button; redo brings it back', async () => {
    const [edA, edB] = await Promise.all([openCard(a, 'Undo mine'), openCard(b, 'Undo mine')])
    await edA.click()
    await a.keyboard.insertText('Maya wrote this.')
    await expect.poll(() => textOf(edB)).toBe('Maya wrote this.')
    await edB.click()
    await b.keyboard.press('Control+End')
    await b.keyboard.insertText(' Diego added this.')
    await expect.poll(() => textOf(edA)).toBe('Maya wrote this. Diego added this.')

    await edA.click()
    await a.keyboard.press('Control+z')
    await expect.poll(() => textOf(edA)).toBe('Diego added this.')
    await expect.poll(() => textOf(edB)).toBe('Diego added this.')

    await a.keyboard.press('Shift+Control+z')
    await expect.poll(() => textOf(edA)).toBe('Maya wrote this. Diego added this.')
    await expect.poll(() => textOf(edB)).toBe('Maya wrote this. Diego added this.')

    // The Undo button walks the same stack (with the panel closed: the panel is modal), and
    // Shift+Ctrl+Z outside any field redoes.
    await edA.press('Escape')
    await panel(a, 'Undo mine').waitFor({ state: 'detached' })
    await a.getByRole('button', { name: 'Undo', exact: true }).click()
    await expect.poll(() => textOf(edB)).toBe('Diego added this.')
    await a.keyboard.press('Shift+Control+z')
    await expect.poll(() => textOf(edB)).toBe('Maya wrote this. Diego added this.')
    await edB.press('Escape')
    await panel(b, 'Undo mine').waitFor({ state: 'detached' })
  })

  it('bold set from the toolbar shows as bold in the other screen', async () => {
    const [edA, edB] = await Promise.all([openCard(a, 'Made bold'), openCard(b, 'Made bold')])
    await edA.click()
    await a.keyboard.insertText('Launch plan')
    await a.keyboard.press('Control+a')
    const bold = panel(a, 'Made bold').getByRole('button', { name: 'Bold', exact: true })
    expect(await bold.getAttribute('aria-pressed')).toBe('false')
    await bold.click()
    await expect.poll(() => bold.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => edB.locator('strong').textContent()).toBe('Launch plan')
    expect(await textOf(edB)).toBe('Launch plan')
  })
})
