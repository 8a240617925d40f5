// Which one card carries dnd-kit's draggable hook right now, and the hook's event listeners. The hook
// lives in DragBindings (inside the DndContext), not in the cards, which sit outside it: every change
// of drag state re-renders whatever reads the drag context, and React walks all of a context's
// subtree to find readers, so thousands of cards under it made each drag step cost the whole board.
// A card arms itself when pressed (pointer, touch, Space or Enter) and hands the event on.

import type { DraggableSyntheticListeners } from '@dnd-kit/core'

export interface DragArming {
  armed(): string | null
  arm(cardId: string): void
  subscribe(listener: () => void): () => void
  /** The armed card's listeners (dnd-kit's sensor activators), once bound. */
  listeners(): DraggableSyntheticListeners
  setListeners(listeners: DraggableSyntheticListeners): void
}

export function createDragArming(): DragArming {
  let armed: string | null = null
  let bound: DraggableSyntheticListeners
  const subscribers = new Set<() => void>()
  return {
    armed: () => armed,
    arm(cardId) {
      if (armed === cardId) return
      armed = cardId
      bound = undefined
      for (const subscriber of subscribers) subscriber()
    },
    subscribe(subscriber) {
      subscribers.add(subscriber)
      return () => subscribers.delete(subscriber)
    },
    listeners: () => bound,
    setListeners(listeners) {
      bound = listeners
    },
  }
}
