// The funnel's coordinate space for pointers: wraps the funnel (exactly its content size, inside the
// scrolling board area), reports this user's pointer over it as fractions of that size, and draws
// the others' pointers on top. While following someone, it scrolls their pointer into view; scrolling
// by hand stops following.

import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from 'react'
import type { PresenceStore } from './presenceStore'
import { useCursors } from './usePresence'

export interface PresenceFrameProps {
  store: PresenceStore | null
  /** The key of the person being followed, whose pointer is kept in view. */
  following: string | null
  onStopFollowing(): void
  children: ReactNode
}

const round = (n: number) => Math.round(n * 10_000) / 10_000
/** Keys that scroll the board by hand. */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End'])

export function PresenceFrame({ store, following, onStopFollowing, children }: PresenceFrameProps) {
  const frame = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState<{ width: number; height: number } | null>(null)

  useEffect(() => {
    const node = frame.current
    if (!node) return
    const observer = new ResizeObserver(() => setSize({ width: node.offsetWidth, height: node.offsetHeight }))
    observer.observe(node)
    return () => observer.disconnect()
  }, [])

  // Leaving the board view (this frame unmounts) takes the pointer away from the others' screens.
  useEffect(() => () => store?.moveCursor(null), [store])

  const stop = useRef(onStopFollowing)
  stop.current = onStopFollowing
  useEffect(() => {
    const node = frame.current
    const scroller = node?.parentElement
    if (!store || !following || !node || !scroller) return
    const keepInView = () => {
      const cursor = store.getCursors().find((c) => c.key === following)
      if (!cursor) return
      const x = node.offsetLeft + cursor.x * node.offsetWidth
      const y = node.offsetTop + cursor.y * node.offsetHeight
      const marginX = scroller.clientWidth * 0.15
      const marginY = scroller.clientHeight * 0.15
      const inView =
        x > scroller.scrollLeft + marginX &&
        x < scroller.scrollLeft + scroller.clientWidth - marginX &&
        y > scroller.scrollTop + marginY &&
        y < scroller.scrollTop + scroller.clientHeight - marginY
      if (inView) return
      scroller.scrollTo({
        left: x - scroller.clientWidth / 2,
        top: y - scroller.clientHeight / 2,
        behavior: 'smooth',
      })
    }
    const byHand = () => stop.current()
    const byKey = (e: KeyboardEvent) => {
      if (SCROLL_KEYS.has(e.key)) byHand()
    }
    keepInView()
    const unsubscribe = store.subscribeCursors(keepInView)
    scroller.addEventListener('wheel', byHand, { passive: true })
    scroller.addEventListener('touchmove', byHand, { passive: true })
    scroller.addEventListener('keydown', byKey)
    return () => {
      unsubscribe()
      scroller.removeEventListener('wheel', byHand)
      scroller.removeEventListener('touchmove', byHand)
      scroller.removeEventListener('keydown', byKey)
    }
  }, [store, following])

  return (
    <div
      ref={frame}
      className="presence-frame"
      onPointerMove={(e) => {
        const node = frame.current
        if (!store || !node || node.offsetWidth === 0 || node.offsetHeight === 0) return
        const rect = node.getBoundingClientRect()
        store.moveCursor({
          x: round((e.clientX - rect.left) / rect.width),
          y: round((e.clientY - rect.top) / rect.height),
        })
      }}
      onPointerLeave={() => store?.moveCursor(null)}
    >
      {children}
      {size && <CursorLayer store={store} width={size.width} height={size.height} />}
    </div>
  )
}

function CursorLayer({
  store,
  width,
  height,
}: {
  store: PresenceStore | null
  width: number
  height: number
}) {
  const cursors = useCursors(store)
  return (
    <div className="cursor-layer" aria-hidden="true">
      {cursors.map((c) => (
        <div
          key={c.clientId}
          className="remote-cursor"
          data-person={c.key}
          style={
            {
              '--person': c.color,
              transform: `translate(${Math.round(c.x * width)}px, ${Math.round(c.y * height)}px)`,
            } as CSSProperties
          }
        >
          <svg viewBox="0 0 16 20" width="16" height="20" className="remote-cursor-arrow" aria-hidden="true">
            <path d="M1 1v15.5l4.2-4 2.9 6.6 2.7-1.2-2.8-6.4H14L1 1Z" />
          </svg>
          <span className="remote-cursor-name">{c.name}</span>
        </div>
      ))}
    </div>
  )
}
