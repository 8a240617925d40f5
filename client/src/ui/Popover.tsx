// A disclosure menu on <details>/<summary>: opens on click or Enter, and closes on Escape (focus back
// on its button) or on a click anywhere else.

import { type ReactNode, useEffect, useRef } from 'react'

export interface PopoverProps {
  summary: ReactNode
  summaryClassName?: string
  className?: string
  children: ReactNode
}

export function Popover({ summary, summaryClassName = 'button', className = '', children }: PopoverProps) {
  const ref = useRef<HTMLDetailsElement>(null)

  useEffect(() => {
    const details = ref.current
    if (!details) return
    const onPointer = (e: PointerEvent) => {
      if (details.open && e.target instanceof Node && !details.contains(e.target)) details.open = false
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && details.open) {
        e.preventDefault()
        details.open = false
        details.querySelector('summary')?.focus()
      }
    }
    document.addEventListener('pointerdown', onPointer)
    details.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      details.removeEventListener('keydown', onKey)
    }
  }, [])

  return (
    <details ref={ref} className={`menu ${className}`}>
      <summary className={summaryClassName}>{summary}</summary>
      <div className="menu-popover">{children}</div>
    </details>
  )
}
