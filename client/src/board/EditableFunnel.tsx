// The funnel for people who edit: cards drag between and within stages by mouse, touch or keyboard.
// While a drag is under way the card ids per stage live here (the multi-container pattern); only the
// drop writes to the document, as one shared moveCard, so collaborators never see half-moves.
// Filters dim or hide cards; hidden cards keep their places when a card is dropped among shown ones.
// Built for boards of thousands of cards: the stage columns are the only drop targets and the place
// inside a stage comes from the layout (slotGeometry.ts), only the card being dragged reads the drag
// state, and a stage re-renders its cards only when its own list changes, so a drag step costs the
// work of the stages it touches, not of the board.

import {
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  MeasuringStrategy,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import type { Board, Card, CardKind, Kpi, Person, Stage } from '@tideboard/shared'
import { memo, useCallback, useId, useMemo, useRef, useState } from 'react'
import type { CardApproval } from '../approvals/cardApprovals'
import { AddCardForm } from '../cards/AddCardForm'
import { CardBody } from '../cards/CardBody'
import { SortableCard } from '../cards/SortableCard'
import type { CardComments } from '../comments/unseenMentions'
import { useStable } from '../state/useStable'
import { type DragContext, dragAnnouncements, dragInstructions } from './dragAnnouncements'
import { createDragArming, type DragArming } from './dragArming'
import { FunnelLayout } from './FunnelLayout'
import { MouseAndPenSensor } from './MouseAndPenSensor'
import { StageColumn } from './StageColumn'
import { cardListOf, insertionIndex } from './slotGeometry'
import {
  findStage,
  indexAmongAll,
  itemsFromBoard,
  moveTo,
  placeOf,
  type StageItems,
  stageDropId,
  stageOfDropId,
  visibleItems,
} from './stageItems'
import { stageKeyboardCoordinates } from './stageKeyboardCoordinates'

export interface EditableFunnelProps {
  board: Board
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
  /** Sign-off summaries of proposed, approved and declined cards, by card id. */
  approvals: Readonly<Record<string, CardApproval>>
  /** Comment counts and unseen mentions of this person, by card id. */
  comments: Readonly<Record<string, CardComments>>
  /** Ids of the cards that match the filters; null when no filter is active. */
  matches: ReadonlySet<string> | null
  /** Hide non-matching cards instead of dimming them. */
  hideNonMatching: boolean
  onAdd(stageId: string, kind: CardKind, title: string): string | null
  onRename(cardId: string, title: string): string | null
  onDelete(cardId: string): void
  onMove(cardId: string, toStageId: string, index: number): void
  onOpen(cardId: string): void
}

// Constant, so DndContext's measuring configuration (and the contexts built on it) keep their identity.
const MEASURING = { droppable: { strategy: MeasuringStrategy.Always } }

interface DragState {
  activeId: string
  fromStageId: string | null
  fromIndex: number
  items: StageItems
}

// Only stage columns are droppables: the one under the pointer, else the one the preview overlaps most.
const collisionDetection: CollisionDetection = (args) => {
  const pointer = pointerWithin(args)
  return pointer.length > 0 ? pointer : rectIntersection(args)
}

export function EditableFunnel({
  board,
  peopleById,
  kpisById,
  approvals,
  comments,
  matches,
  hideNonMatching,
  onAdd,
  onRename,
  onDelete,
  onMove,
  onOpen,
}: EditableFunnelProps) {
  const hiding = hideNonMatching && matches !== null
  // Stable per stage: a stage whose card ids did not change keeps its list, so it (and every card in
  // it) is left alone by an edit elsewhere.
  const boardItems = useStable(
    useMemo(() => {
      const all = itemsFromBoard(board)
      return hiding ? visibleItems(all, (id) => matches.has(id)) : all
    }, [board, hiding, matches]),
  )
  const cardsById = useMemo(() => new Map(board.cards.map((c) => [c.id, c])), [board.cards])
  const [drag, setDrag] = useState<DragState | null>(null)
  const items = drag?.items ?? boardItems
  const [arming] = useState(createDragArming)
  const instructionsId = useId()

  // Handlers and announcements run outside render; they read the latest values through refs.
  const latest = useRef({ drag, items, cardsById, stages: board.stages, board, hiding, matches })
  latest.current = { drag, items, cardsById, stages: board.stages, board, hiding, matches }

  /** Moves the dragged card in the lists (not in the document): the one way a drag changes them. */
  const place = useCallback((cardId: string, stageId: string, index: number) => {
    const current = latest.current.drag
    if (!current || current.activeId !== cardId) return
    const nextItems = moveTo(current.items, cardId, stageId, index)
    if (nextItems === current.items) return
    const next = { ...current, items: nextItems }
    latest.current.drag = next
    latest.current.items = nextItems
    setDrag(next)
  }, [])

  const keyboardCoordinates = useMemo(
    () =>
      stageKeyboardCoordinates({
        getItems: () => latest.current.items,
        getStageOrder: () => latest.current.stages.map((s) => s.id),
        place,
      }),
    [place],
  )
  const sensors = useSensors(
    useSensor(MouseAndPenSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  )

  const announcements = useMemo(
    () =>
      dragAnnouncements((): DragContext => {
        const { drag: d, items: it, cardsById: cards, stages } = latest.current
        return {
          items: it,
          titleOf: (id) => cards.get(id)?.title ?? 'card',
          stageName: (id) => stages.find((s) => s.id === id)?.name ?? 'a stage',
          fromStageId: d?.fromStageId ?? null,
        }
      }),
    [],
  )

  function onDragStart({ active }: DragStartEvent): void {
    const activeId = String(active.id)
    const start = latest.current.items
    const here = placeOf(start, activeId)
    const next = { activeId, fromStageId: here?.stageId ?? null, fromIndex: here?.index ?? -1, items: start }
    latest.current.drag = next
    setDrag(next)
  }

  // A pointer or touch drag goes where the middle of its preview is, in the stage it is over; the
  // keyboard moves the card itself (stageKeyboardCoordinates).
  function followPointer({ active, over, activatorEvent }: DragMoveEvent): void {
    if (activatorEvent instanceof KeyboardEvent) return
    const stageId = over ? stageOfDropId(over.id) : null
    const rect = active.rect.current.translated
    const list = stageId === null ? null : cardListOf(stageId)
    if (stageId === null || !rect || !list) return
    const activeId = String(active.id)
    place(activeId, stageId, insertionIndex(list, rect.top + rect.height / 2, activeId))
  }

  function onDragEnd({ over }: DragEndEvent): void {
    const current = latest.current.drag
    setDrag(null)
    if (!current || !over) return
    const target = placeOf(current.items, current.activeId)
    if (!target) return
    if (target.stageId !== current.fromStageId || target.index !== current.fromIndex) {
      const { board: b, hiding: h, matches: m } = latest.current
      const index =
        h && m
          ? indexAmongAll(
              (b.cardsByStage[target.stageId] ?? []).map((c) => c.id),
              (id) => m.has(id),
              current.activeId,
              target.index,
            )
          : target.index
      onMove(current.activeId, target.stageId, index)
    }
  }

  const activeCard = drag ? cardsById.get(drag.activeId) : undefined
  const activeStage = drag ? findStage(items, drag.activeId) : null

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      measuring={MEASURING}
      accessibility={{ announcements, screenReaderInstructions: dragInstructions }}
      onDragStart={onDragStart}
      onDragMove={followPointer}
      onDragOver={followPointer}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDrag(null)}
    >
      <p id={instructionsId} hidden>
        {dragInstructions.draggable}
      </p>
      <FunnelLayout
        stages={board.stages}
        renderStage={(stage) => (
          <DroppableStage
            key={stage.id}
            stage={stage}
            cardIds={items[stage.id] ?? EMPTY}
            cardsById={cardsById}
            peopleById={peopleById}
            kpisById={kpisById}
            approvals={approvals}
            comments={comments}
            matches={matches}
            total={board.cardsByStage[stage.id]?.length ?? 0}
            activeId={drag && activeStage === stage.id ? drag.activeId : null}
            arming={arming}
            instructionsId={instructionsId}
            onAdd={onAdd}
            onRename={onRename}
            onDelete={onDelete}
            onOpen={onOpen}
          />
        )}
      />
      <DragOverlay>
        {activeCard ? (
          <div className={`card kind-${activeCard.kind} is-overlay`}>
            <CardBody
              card={activeCard}
              peopleById={peopleById}
              kpisById={kpisById}
              approval={approvals[activeCard.id] ?? null}
              comments={comments[activeCard.id] ?? null}
              parentTitle={activeCard.parentId ? (cardsById.get(activeCard.parentId)?.title ?? null) : null}
            />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  )
}

const EMPTY: readonly string[] = []

interface DroppableStageProps extends StageCardsProps {
  stage: Stage
  /** All the stage's cards, shown or hidden. */
  total: number
  onAdd(stageId: string, kind: CardKind, title: string): string | null
}

/** A stage column as a drop target. It re-renders on each drag step (it reads the drag context); its
 * cards re-render only when the stage's own list, or what its cards show, changes. */
const DroppableStage = memo(function DroppableStage({ stage, total, onAdd, ...list }: DroppableStageProps) {
  const { setNodeRef, isOver } = useDroppable({ id: stageDropId(stage.id) })
  // A card deleted by someone else mid-drag simply drops out of the list.
  const shown = list.cardIds.filter((id) => list.cardsById.has(id)).length
  const matching =
    list.matches === null ? null : list.cardIds.filter((id) => list.matches?.has(id) === true).length
  return (
    <StageColumn
      stage={stage}
      count={shown}
      matching={matching}
      total={total}
      dropRef={setNodeRef}
      isOver={isOver && shown === 0}
      footer={
        <>
          {shown === 0 && total > 0 && <p className="empty-stage">No matching cards here.</p>}
          <AddCardForm
            stageName={stage.name}
            empty={total === 0}
            onAdd={(kind, title) => onAdd(stage.id, kind, title)}
          />
        </>
      }
    >
      <StageCards {...list} />
    </StageColumn>
  )
})

interface StageCardsProps {
  cardIds: readonly string[]
  cardsById: ReadonlyMap<string, Card>
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
  approvals: Readonly<Record<string, CardApproval>>
  comments: Readonly<Record<string, CardComments>>
  matches: ReadonlySet<string> | null
  /** The card being dragged, when it is in this stage. */
  activeId: string | null
  arming: DragArming
  instructionsId: string
  onRename(cardId: string, title: string): string | null
  onDelete(cardId: string): void
  onOpen(cardId: string): void
}

const StageCards = memo(function StageCards({
  cardIds,
  cardsById,
  peopleById,
  kpisById,
  approvals,
  comments,
  matches,
  activeId,
  arming,
  instructionsId,
  onRename,
  onDelete,
  onOpen,
}: StageCardsProps) {
  return cardIds.map((id) => {
    const card = cardsById.get(id)
    if (!card) return null
    return (
      <SortableCard
        key={id}
        card={card}
        peopleById={peopleById}
        kpisById={kpisById}
        approval={approvals[id] ?? null}
        comments={comments[id] ?? null}
        parentTitle={card.parentId ? (cardsById.get(card.parentId)?.title ?? null) : null}
        dimmed={matches !== null && !matches.has(id)}
        dragging={id === activeId}
        arming={arming}
        instructionsId={instructionsId}
        onRename={onRename}
        onDelete={onDelete}
        onOpen={onOpen}
      />
    )
  })
})
