// dnd-kit's hooks for the editable funnel, bound to elements the funnel renders outside the
// DndContext (see dragArming.ts for why): one droppable per stage column, and the draggable of the
// one armed card. They render nothing; a stage a card is dragged over gets `data-drop-over`.

import { useDraggable, useDroppable } from '@dnd-kit/core'
import { useLayoutEffect, useRef, useSyncExternalStore } from 'react'
import type { DragArming } from './dragArming'
import { slotOf, stageOf } from './slotGeometry'
import { stageDropId } from './stageItems'

export function DragBindings({ stageIds, arming }: { stageIds: readonly string[]; arming: DragArming }) {
  const armed = useSyncExternalStore(arming.subscribe, arming.armed)
  return (
    <>
      {stageIds.map((id) => (
        <StageDroppable key={id} stageId={id} />
      ))}
      {armed !== null && <CardDraggable key={armed} cardId={armed} arming={arming} />}
    </>
  )
}

/**
 * The element found last, while it is still in the page: finding it by its attribute searches the
 * document, which on a 2,000-card board is most of the page, on every render of a drag step.
 */
function useFound(find: () => HTMLElement | null): () => HTMLElement | null {
  const found = useRef<HTMLElement | null>(null)
  return () => {
    if (!found.current?.isConnected) found.current = find()
    return found.current
  }
}

// A stage column keeps its element while its stage stays in the same phase band (it is keyed by id).
function StageDroppable({ stageId }: { stageId: string }) {
  const { setNodeRef, isOver } = useDroppable({ id: stageDropId(stageId) })
  const element = useFound(() => stageOf(stageId))
  useLayoutEffect(() => {
    const stage = element()
    setNodeRef(stage)
    stage?.toggleAttribute('data-drop-over', isOver)
  })
  return null
}

// Re-rendered with every drag step and every render of the funnel, so it follows the card's element
// when the card moves to another stage (and is drawn anew there: the old slot leaves the page).
function CardDraggable({ cardId, arming }: { cardId: string; arming: DragArming }) {
  const { setNodeRef, setActivatorNodeRef, listeners } = useDraggable({ id: cardId })
  const element = useFound(() => slotOf(cardId))
  useLayoutEffect(() => {
    const slot = element()
    setNodeRef(slot)
    setActivatorNodeRef(slot?.querySelector<HTMLElement>(`[data-card-id]`) ?? null)
    arming.setListeners(listeners)
  })
  return null
}
