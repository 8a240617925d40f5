// The save indicator tells the truth: "All changes saved" only once the server has stored an edit,
// and edits made offline are counted, kept, and saved when the network returns.

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCard, stage } from './support/boardPage.js'
import { openSession, type Session } from './support/browser.js'
import { openInvite } from './support/joinBoard.js'
import { type CreatedBoard, createBoard, localUrl, TestServer } from './support/server.js'

const indicator = (page: Page) => page.locator('[data-connection]')

describe('saved state', () => {
  let server: TestServer
  let board: CreatedBoard
  let editor: Session
  let watcher: Session

  beforeAll(async () => {
    server = await new TestServer().start()
    board = await createBoard(server, 'Saved board')
    ;[editor, watcher] = await Promise.all([openSession(), openSession()])
  })
  afterAll(async () => {
    await Promise.all([editor?.close(), watcher?.close()])
    await server?.dispose()
  })

  it('says saved only when the server has it, counts offline edits and saves them on return', async () => {
    const e = await openInvite(await editor.context.newPage(), localUrl(server, board.urls.owner), 'Edith')
    const w = await openInvite(await watcher.context.newPage(), localUrl(server, board.urls.viewer), 'Walt')
    await expect.poll(() => indicator(e).textContent()).toBe('All changes saved')

    await editor.context.setOffline(true)
    await expect.poll(() => indicator(e).getAttribute('data-connection')).toBe('offline')
    await addCard(e, 'Retain', 'Written offline')
    await expect.poll(() => indicator(e).textContent()).toMatch(/^Offline · \d+ unsaved changes?$/)
    expect(await stage(w, 'Retain').getByText('Written offline').count()).toBe(0)

    await editor.context.setOffline(false)
    await expect.poll(() => indicator(e).textContent(), { timeout: 20_000 }).toBe('All changes saved')
    await expect.poll(() => stage(w, 'Retain').getByText('Written offline').count()).toBe(1)
  })
})
