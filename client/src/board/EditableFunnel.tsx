// The funnel for people who edit: cards drag between and within stages by mouse, touch or keyboard.
// While a drag is under way the card ids per stage live here (the multi-container pattern); only the
// drop writes to the document, as one shared moveCard, so collaborators never see half-moves.
// Filters dim or hide cards; hidden cards keep their places when a card is dropped among shown ones.

import {
  type Active,
  type CollisionDetection,
  closestCenter,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  getFirstCollision,
  KeyboardSensor,
  MeasuringStrategy,
  type Over,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  type UniqueIdentifier,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable'
import type { Board, Card, CardKind, Kpi, Person, Stage } from '@tideboard/shared'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CardApproval } from '../approvals/cardApprovals'
import { AddCardForm } from '../cards/AddCardForm'
import { CardBody } from '../cards/CardBody'
import { SortableCard } from '../cards/SortableCard'
import type { CardComments } from '../comments/unseenMentions'
import { useStable } from '../state/useStable'
import { type DragContext, dragAnnouncements, dragInstructions } from './dragAnnouncements'
import { FunnelLayout } from './FunnelLayout'
import { MouseAndPenSensor } from './MouseAndPenSensor'
import { StageColumn } from './StageColumn'
import {
  dropTarget,
  findStage,
  indexAmongAll,
  itemsFromBoard,
  moveAcross,
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

function isBelow(active: Active, over: Over): boolean {
  const translated = active.rect.current.translated
  return translated !== null && translated.top > over.rect.top + over.rect.height / 2
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
  // Stable per stage: a stage whose card ids did not change keeps its list, so its SortableContext
  // (and every card in it) is left alone by an edit elsewhere.
  const boardItems = useStable(
    useMemo(() => {
      const all = itemsFromBoard(board)
      return hiding ? visibleItems(all, (id) => matches.has(id)) : all
    }, [board, hiding, matches]),
  )
  const cardsById = useMemo(() => new Map(board.cards.map((c) => [c.id, c])), [board.cards])
  const [drag, setDrag] = useState<DragState | null>(null)
  const items = drag?.items ?? boardItems

  // Handlers and announcements run outside render; they read the latest values through refs.
  const latest = useRef({ drag, items, cardsById, stages: board.stages, board, hiding, matches })
  latest.current = { drag, items, cardsById, stages: board.stages, board, hiding, matches }
  const lastOverId = useRef<UniqueIdentifier | null>(null)
  const movedToNewStage = useRef(false)

  useEffect(() => {
    if (!drag) return
    const frame = requestAnimationFrame(() => {
      movedToNewStage.current = false
    })
    return () => cancelAnimationFrame(frame)
  }, [drag])

  const keyboardCoordinates = useMemo(
    () =>
      stageKeyboardCoordinates(
        () => latest.current.items,
        () => latest.current.stages.map((s) => s.id),
      ),
    [],
  )
  const sensors = useSensors(
    useSensor(MouseAndPenSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  )

  // Over a stage that has cards, aim at the nearest card in it rather than at the column; keep the last
  // target while the layout settles after a card changed stage, so the drag does not flicker.
  const collisionDetection: CollisionDetection = useCallback((args) => {
    const pointer = pointerWithin(args)
    const hits = pointer.length > 0 ? pointer : rectIntersection(args)
    let overId = getFirstCollision(hits, 'id')
    if (overId != null) {
      const stageId = stageOfDropId(overId)
      const ids = stageId === null ? [] : (latest.current.items[stageId] ?? [])
      if (ids.length > 0) {
        const nearest = closestCenter({
          ...args,
          droppableContainers: args.droppableContainers.filter(
            (c) => c.id !== overId && ids.includes(String(c.id)),
          ),
        })
        overId = nearest[0]?.id ?? overId
      }
      lastOverId.current = overId
      return [{ id: overId }]
    }
    if (movedToNewStage.current) lastOverId.current = args.active.id
    return lastOverId.current != null ? [{ id: lastOverId.current }] : []
  }, [])

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
    const fromStageId = findStage(start, activeId)
    const fromIndex = fromStageId === null ? -1 : (start[fromStageId] ?? []).indexOf(activeId)
    lastOverId.current = null
    const next = { activeId, fromStageId, fromIndex, items: start }
    latest.current.drag = next
    setDrag(next)
  }

  function onDragOver({ active, over }: DragOverEvent): void {
    const current = latest.current.drag
    if (!over || !current) return
    const nextItems = moveAcross(current.items, current.activeId, over.id, isBelow(active, over))
    if (nextItems === current.items) return
    movedToNewStage.current = true
    const next = { ...current, items: nextItems }
    latest.current.drag = next
    latest.current.items = nextItems
    setDrag(next)
  }

  function onDragEnd({ over }: DragEndEvent): void {
    const current = latest.current.drag
    setDrag(null)
    if (!current || !over) return
    const target = dropTarget(current.items, current.activeId, over.id)
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

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      measuring={MEASURING}
      accessibility={{ announcements, screenReaderInstructions: dragInstructions }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDrag(null)}
    >
      <FunnelLayout
        stages={board.stages}
        renderStage={(stage) => (
          <DroppableStage
            key={stage.id}
            stage={stage}
            cardIds={items[stage.id] ?? []}
            cardsById={cardsById}
            peopleById={peopleById}
            kpisById={kpisById}
            approvals={approvals}
            comments={comments}
            matches={matches}
            total={board.cardsByStage[stage.id]?.length ?? 0}
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

interface DroppableStageProps {
  stage: Stage
  cardIds: readonly string[]
  cardsById: ReadonlyMap<string, Card>
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
  approvals: Readonly<Record<string, CardApproval>>
  comments: Readonly<Record<string, CardComments>>
  matches: ReadonlySet<string> | null
  /** All the stage's cards, shown or hidden. */
  total: number
  onAdd(stageId: string, kind: CardKind, title: string): string | null
  onRename(cardId: string, title: string): string | null
  onDelete(cardId: string): void
  onOpen(cardId: string): void
}

function DroppableStage({
  stage,
  cardIds,
  cardsById,
  peopleById,
  kpisById,
  approvals,
  comments,
  matches,
  total,
  onAdd,
  onRename,
  onDelete,
  onOpen,
}: DroppableStageProps) {
  const { setNodeRef, isOver } = useDroppable({ id: stageDropId(stage.id), data: { stageId: stage.id } })
  // A card deleted by someone else mid-drag simply drops out of the list.
  const cards = cardIds.flatMap((id) => cardsById.get(id) ?? [])
  const ids = useStable(cards.map((c) => c.id))
  const matching = matches === null ? null : cards.filter((c) => matches.has(c.id)).length
  return (
    <StageColumn
      stage={stage}
      count={cards.length}
      matching={matching}
      total={total}
      dropRef={setNodeRef}
      isOver={isOver && cards.length === 0}
      footer={
        <>
          {cards.length === 0 && total > 0 && <p className="empty-stage">No matching cards here.</p>}
          <AddCardForm
            stageName={stage.name}
            empty={total === 0}
            onAdd={(kind, title) => onAdd(stage.id, kind, title)}
          />
        </>
      }
    >
      <SortableContext id={stage.id} items={ids} strategy={verticalListSortingStrategy}>
        {cards.map((card) => (
          <SortableCard
            key={card.id}
            card={card}
            stageId={stage.id}
            peopleById={peopleById}
            kpisById={kpisById}
            approval={approvals[card.id] ?? null}
            comments={comments[card.id] ?? null}
            parentTitle={card.parentId ? (cardsById.get(card.parentId)?.title ?? null) : null}
            dimmed={matches !== null && !matches.has(card.id)}
            onRename={onRename}
            onDelete={onDelete}
            onOpen={onOpen}
          />
        ))}
      </SortableContext>
    </StageColumn>
  )
}
