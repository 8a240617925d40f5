// Where keyboard focus goes when a card disappears from under it: the next card in its stage, else the
// previous one, else the stage's "Add card" button. Found in the DOM before the card is removed.

export function focusTargetAfterRemoval(cardId: string): () => void {
  const card = document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(cardId)}"]`)
  const slot = card?.closest('li')
  const stage = card?.closest<HTMLElement>('[data-stage-id]')
  const next = slot?.nextElementSibling?.querySelector<HTMLElement>('[data-card-id]')
  const prev = slot?.previousElementSibling?.querySelector<HTMLElement>('[data-card-id]')
  const stageId = stage?.dataset.stageId
  return () => {
    requestAnimationFrame(() => {
      const target =
        (next?.isConnected ? next : null) ??
        (prev?.isConnected ? prev : null) ??
        (stageId
          ? document.querySelector<HTMLElement>(`[data-stage-id="${CSS.escape(stageId)}"] .add-card-button`)
          : null)
      target?.focus()
    })
  }
}
