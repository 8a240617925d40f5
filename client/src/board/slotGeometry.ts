// Where a dragged card goes in a stage, read from the cards on screen: only the stage columns are drop
// targets (thousands of cards as droppables made every drag step re-measure and re-render them all),
// so the index inside a stage comes from the card slots' positions in the layout.

/** A stage column. */
export function stageOf(stageId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-stage-id="${CSS.escape(stageId)}"]`)
}

/** The list of card slots of a stage column, in board order. */
export function cardListOf(stageId: string): HTMLElement | null {
  return stageOf(stageId)?.querySelector<HTMLElement>('.card-list') ?? null
}

/** The slot (list item) of a card, wherever it is. */
export function slotOf(cardId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-slot-id="${CSS.escape(cardId)}"]`)
}

/**
 * How many of the list's slots, not counting the dragged card's own, lie above `y` (their middle is
 * above it): the index among the others where the dragged card goes. Slots below the dragged card's
 * own are taken where they would be without it, so the answer does not flip back and forth as the
 * card's placeholder moves. Slots are stacked in order, so this is a binary search: a few reads.
 */
export function insertionIndex(list: HTMLElement, y: number, cardId: string): number {
  const slots = [...list.children] as HTMLElement[]
  const ownAt = slots.findIndex((slot) => slot.dataset.slotId === cardId)
  const own = ownAt >= 0 ? slots[ownAt] : undefined
  const others = own ? slots.filter((slot) => slot !== own) : slots
  const shift = own ? own.getBoundingClientRect().height + rowGap(list) : 0
  const middle = (i: number) => {
    const rect = (others[i] as HTMLElement).getBoundingClientRect()
    return rect.top + rect.height / 2 - (ownAt >= 0 && i >= ownAt ? shift : 0)
  }
  let low = 0
  let high = others.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (middle(mid) < y) low = mid + 1
    else high = mid
  }
  return low
}

/** The gap between stacked slots. */
export function rowGap(list: HTMLElement): number {
  return Number.parseFloat(getComputedStyle(list).rowGap) || 0
}
