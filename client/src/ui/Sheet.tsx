// A modal side panel on the native <dialog> element: the browser traps focus, closes it on Escape and
// draws the backdrop. Mounted while open; the caller decides where focus goes after it closes.

import { type ReactNode, useEffect, useRef } from 'react'

export interface SheetProps {
  /** Id of the element that names the panel (its heading). */
  labelledBy: string
  onClose(): void
  className?: string
  children: ReactNode
}

export function Sheet({ labelledBy, onClose, className = '', children }: SheetProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const close = useRef<(() => void) | null>(onClose)
  close.current = onClose

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    // Start at the panel itself, so a screen reader reads its name and Tab walks its fields in order.
    dialog.focus()
    return () => {
      // Going away (another card opened in its place) is not the user closing it.
      close.current = null
      if (dialog.open) dialog.close()
    }
  }, [])

  return (
    <dialog
      ref={ref}
      className={`sheet ${className}`}
      aria-labelledby={labelledBy}
      tabIndex={-1}
      onClose={() => close.current?.()}
      onMouseDown={(e) => {
        // A press on the backdrop lands on the dialog element itself.
        if (e.target === ref.current) close.current?.()
      }}
      onKeyDown={(e) => e.stopPropagation()}
    >
      {children}
    </dialog>
  )
}
