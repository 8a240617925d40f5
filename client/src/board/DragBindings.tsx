// dnd-kit's hooks for the editable funnel, bound to elements the funnel renders outside the
// DndContext (see dragArming.ts for why): one droppable per stage column, and the draggable of the
// one armed card. They render nothing; a stage a card is dragged over gets `data-drop-over`.

import { useDraggable, useDroppable } from '@dnd-kit/core'
import { useLayoutEffect, useSyncExternalStore } from 'react'
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

function StageDroppable({ stageId }: { stageId: string }) {
  const { setNodeRef, isOver } = useDroppable({ id: stageDropId(stageId) })
  useLayoutEffect(() => {
    const stage = stageOf(stageId)
    setNodeRef(stage)
    stage?.toggleAttribute('data-drop-over', isOver)
  })
  return null
}

// Re-rendered with every drag step and every render of the funnel, so it follows the card's element
// when the card moves to another stage (and is drawn anew there).
function CardDraggable({ cardId, arming }: { cardId: string; arming: DragArming }) {
  const { setNodeRef, setActivatorNodeRef, listeners } = useDraggable({ id: cardId })
  useLayoutEffect(() => {
    const slot = slotOf(cardId)
    setNodeRef(slot)
    setActivatorNodeRef(slot?.querySelector<HTMLElement>(`[data-card-id]`) ?? null)
    arming.setListeners(listeners)
  })
  return null
}
