// Locators and steps on the board screen that the browser suites share: a stage column is a region
// named after the stage, a card is the element carrying data-card-id (a draggable button for editors,
// an article for viewers), and a card is added through its column's "Add card" form.

import type { Locator, Page } from 'playwright-core'

export const stage = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true })

export const card = (page: Page, title: string): Locator =>
  page.locator('[data-card-id]').filter({ has: page.getByText(title, { exact: true }) })

/** Adds a card at the end of a stage and waits until it shows there; closes the form unless asked. */
export async function addCard(
  page: Page,
  stageName: string,
  title: string,
  { keepFormOpen = false }: { keepFormOpen?: boolean } = {},
): Promise<void> {
  const column = stage(page, stageName)
  await column.getByRole('button', { name: /add card/i }).click()
  const input = column.getByRole('textbox', { name: /title/i })
  await input.fill(title)
  await input.press('Enter')
  await column
    .locator('[data-card-id]')
    .filter({ has: page.getByText(title, { exact: true }) })
    .waitFor()
  if (!keepFormOpen) await input.press('Escape')
}
