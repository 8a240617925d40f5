// The funnel for people who edit: cards drag between and within stages by mouse, touch or keyboard.
// While a drag is under way the card ids per stage live here (the multi-container pattern); only the
// drop writes to the document, as one shared moveCard, so collaborators never see half-moves.
// Filters dim or hide cards; hidden cards keep their places when a card is dropped among shown ones.
// Built for boards of thousands of cards: the stage columns are the only drop targets and the place
// inside a stage comes from the layout (slotGeometry.ts); the funnel sits outside the DndContext, whose
// hooks are bound to its elements from DragBindings (dragArming.ts says why); a stage re-renders its
// cards only when its own list changes. A drag step costs the stages it touches, not the board.

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
import { countRender } from '../state/renderCounts'
import { useStable } from '../state/useStable'
import { DragBindings } from './DragBindings'
import { type DragContext, dragAnnouncements, dragInstructions } from './dragAnnouncements'
import { createDragArming, type DragArming } from './dragArming'
import { FunnelLayout } from './FunnelLayout'
import { MouseAndPenSensor } from './MouseAndPenSensor'
import { StageColumn } from './StageColumn'
import { cardListOf, insertionIndex } from './slotGeometry'
import { type StageCards, stageCards } from './stageCards'
import {
  findStage,
  indexAmongAll,
  itemsFromBoard,
  moveTo,
  placeOf,
  type StageItems,
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
  const stageIds = useStable(board.stages.map((s) => s.id))
  const cardsInStage = useCardsInStages(items, cardsById)
  const parentTitles = useStable(useMemo(() => initiativeTitles(board.cards), [board.cards]))

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
    <>
      <p id={instructionsId} hidden>
        {dragInstructions.draggable}
      </p>
      <FunnelLayout
        stages={board.stages}
        renderStage={(stage) => (
          <EditableStage
            key={stage.id}
            stage={stage}
            cards={cardsInStage[stage.id] ?? EMPTY}
            parentTitles={parentTitles}
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
        <DragBindings stageIds={stageIds} arming={arming} />
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
    </>
  )
}

const EMPTY: readonly Card[] = []

/** The titles of the board's initiatives (the parents hypotheses name), by id. */
function initiativeTitles(cards: readonly Card[]): Record<string, string> {
  const titles: Record<string, string> = Object.create(null)
  for (const c of cards) if (c.kind === 'initiative') titles[c.id] = c.title
  return titles
}

/** Each stage's cards for the stage columns, kept from render to render (stageCards.ts). */
function useCardsInStages(items: StageItems, cardsById: ReadonlyMap<string, Card>): Record<string, Card[]> {
  const last = useRef<StageCards | null>(null)
  last.current = stageCards(items, cardsById, last.current)
  return last.current.lists
}

interface EditableStageProps {
  stage: Stage
  cards: readonly Card[]
  /** Titles of the initiatives, by id, for the hypotheses that name one as their parent. */
  parentTitles: Readonly<Record<string, string>>
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
  approvals: Readonly<Record<string, CardApproval>>
  comments: Readonly<Record<string, CardComments>>
  matches: ReadonlySet<string> | null
  /** All the stage's cards, shown or hidden. */
  total: number
  /** The card being dragged, when it is in this stage. */
  activeId: string | null
  arming: DragArming
  instructionsId: string
  onAdd(stageId: string, kind: CardKind, title: string): string | null
  onRename(cardId: string, title: string): string | null
  onDelete(cardId: string): void
  onOpen(cardId: string): void
}

/** A stage column (its drop target is bound in DragBindings); re-rendered only when its props change. */
const EditableStage = memo(function EditableStage({
  stage,
  cards,
  parentTitles,
  peopleById,
  kpisById,
  approvals,
  comments,
  matches,
  total,
  activeId,
  arming,
  instructionsId,
  onAdd,
  onRename,
  onDelete,
  onOpen,
}: EditableStageProps) {
  countRender(`stage:${stage.id}`)
  const matching = matches === null ? null : cards.filter((c) => matches.has(c.id)).length
  return (
    <StageColumn
      stage={stage}
      count={cards.length}
      matching={matching}
      total={total}
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
      {cards.map((card) => (
        <SortableCard
          key={card.id}
          card={card}
          peopleById={peopleById}
          kpisById={kpisById}
          approval={approvals[card.id] ?? null}
          comments={comments[card.id] ?? null}
          parentTitle={card.parentId ? (parentTitles[card.parentId] ?? null) : null}
          dimmed={matches !== null && !matches.has(card.id)}
          dragging={card.id === activeId}
          arming={arming}
          instructionsId={instructionsId}
          onRename={onRename}
          onDelete={onDelete}
          onOpen={onOpen}
        />
      ))}
    </StageColumn>
  )
})
