// Which one card carries dnd-kit's draggable hook right now. A card with the hook re-renders on every
// step of every drag (it reads the drag context), so on a board of thousands only the card a person
// is about to drag has it: a card arms itself when pressed (pointer, touch, Space or Enter) and then
// hands the event on. Each card subscribes to whether it is the armed one, so arming re-renders two.

import { useSyncExternalStore } from 'react'

export interface DragArming {
  armed(): string | null
  arm(cardId: string): void
  subscribe(listener: () => void): () => void
}

export function createDragArming(): DragArming {
  let armed: string | null = null
  const listeners = new Set<() => void>()
  return {
    armed: () => armed,
    arm(cardId) {
      if (armed === cardId) return
      armed = cardId
      for (const listener of listeners) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export function useIsArmed(arming: DragArming, cardId: string): boolean {
  return useSyncExternalStore(arming.subscribe, () => arming.armed() === cardId)
}
