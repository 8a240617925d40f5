// Tells the others which field of a card this user is editing: focus on a field inside `ref`'s
// element sets it (named by the field's label), leaving the field clears it, and so does unmounting
// (closing a panel with a field focused fires no blur).

import { type RefObject, useEffect } from 'react'
import { fieldName } from './fieldName'
import { usePresenceStore } from './usePresence'

export function useFieldPresence(ref: RefObject<HTMLElement | null>, cardId: string): void {
  const presence = usePresenceStore()
  useEffect(() => {
    const node = ref.current
    if (!node || !presence) return
    const mark = (target: EventTarget | null) => {
      const field = fieldName(target)
      if (field) presence.setEditing({ cardId, field })
    }
    const onFocusIn = (e: FocusEvent) => mark(e.target)
    const onFocusOut = () => presence.stopEditing(cardId)
    node.addEventListener('focusin', onFocusIn)
    node.addEventListener('focusout', onFocusOut)
    if (node.contains(document.activeElement)) mark(document.activeElement)
    return () => {
      node.removeEventListener('focusin', onFocusIn)
      node.removeEventListener('focusout', onFocusOut)
      presence.stopEditing(cardId)
    }
  }, [ref, presence, cardId])
}
