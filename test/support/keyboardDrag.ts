// Keyboard drag as a person does it, at a machine's pace. dnd-kit's KeyboardSensor starts listening
// for arrow keys in a setTimeout after the pick-up (so the pick-up key itself is not read as a move):
// a test must let that timer run before pressing an arrow, or the arrow is lost.

import type { Page } from 'playwright-core'

function liveRegion(page: Page, text: RegExp) {
  return page.locator('[id^="DndLiveRegion"]').filter({ hasText: text })
}

/** Presses Space on the focused card and waits until the drag is listening for arrow keys. */
export async function pickUp(page: Page, announcement: RegExp): Promise<void> {
  await page.keyboard.press('Space')
  await liveRegion(page, announcement).waitFor()
  // Timers run in order: this one fires after the sensor's own zero-delay timer has attached its listener.
  await page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
}

/** Presses `key` and waits for the announcement the move makes. */
export async function pressAndHear(page: Page, key: string, announcement: RegExp): Promise<void> {
  await page.keyboard.press(key)
  await liveRegion(page, announcement).waitFor()
}
