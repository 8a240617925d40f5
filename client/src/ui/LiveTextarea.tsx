// A textarea that writes every keystroke straight through (the document merges concurrent typing) and
// takes in what collaborators type without moving this user's cursor.

import { type TextareaHTMLAttributes, useLayoutEffect, useRef } from 'react'
import { rebaseSelection } from './rebaseSelection'

export interface LiveTextareaProps
  extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'defaultValue'> {
  value: string
  onValueChange(value: string): void
}

export function LiveTextarea({ value, onValueChange, ...rest }: LiveTextareaProps) {
  const ref = useRef<HTMLTextAreaElement>(null)

  // Uncontrolled, so the browser owns the cursor; a value that differs from what the element shows
  // came from someone else and is merged in here.
  useLayoutEffect(() => {
    const el = ref.current
    if (!el || el.value === value) return
    const focused = document.activeElement === el
    const selection = { start: el.selectionStart, end: el.selectionEnd }
    const prev = el.value
    el.value = value
    if (focused) {
      const next = rebaseSelection(prev, value, selection)
      el.setSelectionRange(next.start, next.end)
    }
  }, [value])

  return <textarea ref={ref} {...rest} defaultValue={value} onChange={(e) => onValueChange(e.target.value)} />
}
