// Opening an invite link in a browser the way a person does: the board asks who they are, they give
// a name and join (which swaps the link's token for their own), then the funnel shows.

import type { Page } from 'playwright-core'

/** Opens `url` (an invite link) in a new page of `page`'s context, joins as `name`, waits for the board. */
export async function openInvite(page: Page, url: string, name: string): Promise<Page> {
  await page.goto(url)
  await joinAs(page, name)
  return page
}

/** Fills the join prompt on `page` and waits until the board (its Acquire stage) is shown. */
export async function joinAs(page: Page, name: string): Promise<void> {
  const nameField = page.getByRole('textbox', { name: 'Your name' })
  await nameField.waitFor()
  await nameField.fill(name)
  await page.getByRole('button', { name: 'Join board' }).click()
  await page.getByRole('region', { name: 'Acquire', exact: true }).waitFor()
}
