// A card that members can drag (pointer, touch, keyboard), open, rename in place and delete. The
// focusable drag handle is the card body (role button, named by its title); the details, edit and
// delete buttons sit beside it, outside the handle, so pressing them never starts a drag. Space and
// Enter pick the card up; O (or a double click) opens its details; F2 renames it. Who else is on the
// card shows in its corner; renaming it in place tells them this user is editing its title.
// The card reads no drag state (so a drag elsewhere never re-renders it): pressed, it arms itself to
// carry dnd-kit's draggable hook (see board/dragArming.ts) and hands the event to dnd-kit's sensors.

import type { Card, Kpi, Person } from '@tideboard/shared'
import {
  type KeyboardEvent,
  memo,
  type PointerEvent,
  type SyntheticEvent,
  type TouchEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react'
import { flushSync } from 'react-dom'
import type { CardApproval } from '../approvals/cardApprovals'
import type { DragArming } from '../board/dragArming'
import type { CardComments } from '../comments/unseenMentions'
import { CardVisitors } from '../presence/CardVisitors'
import { usePresenceStore } from '../presence/usePresence'
import { countRender } from '../state/renderCounts'
import { CardBody } from './CardBody'
import { CardIcon } from './CardIcon'
import { CardTitleEditor } from './CardTitleEditor'
import { cardAriaLabel } from './cardAriaLabel'

export interface SortableCardProps {
  card: Card
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
  /** Sign-offs of a proposed, approved or declined card. */
  approval: CardApproval | null
  /** How many comments, and unseen mentions of this person; null without comments. */
  comments: CardComments | null
  parentTitle: string | null
  /** Shown faded: the card does not match the active filters. */
  dimmed: boolean
  /** This card is being dragged: its slot shows where it would land. */
  dragging: boolean
  arming: DragArming
  /** The id of the element with the drag instructions, for aria-describedby. */
  instructionsId: string
  /** Returns an error message, or null when saved. */
  onRename(cardId: string, title: string): string | null
  onDelete(cardId: string): void
  onOpen(cardId: string): void
}

/** The keys dnd-kit's keyboard sensor picks a card up with. */
const PICK_UP = ['Space', 'Enter']

type Forwarded = 'onKeyDown' | 'onPointerDown' | 'onTouchStart'

export const SortableCard = memo(function SortableCard({
  card,
  peopleById,
  kpisById,
  approval,
  comments,
  parentTitle,
  dimmed,
  dragging,
  arming,
  instructionsId,
  onRename,
  onDelete,
  onOpen,
}: SortableCardProps) {
  countRender(card.id)
  const [editing, setEditing] = useState(false)
  const handle = useRef<HTMLDivElement | null>(null)
  const presence = usePresenceStore()
  useEffect(() => {
    if (!editing || !presence) return
    presence.setEditing({ cardId: card.id, field: 'Title' })
    return () => presence.stopEditing(card.id)
  }, [editing, presence, card.id])

  const stopEditing = useCallback(() => {
    setEditing(false)
    requestAnimationFrame(() => handle.current?.focus())
  }, [])

  /** Arms this card (at once, so dnd-kit knows it) and hands the event to dnd-kit's sensors. */
  function forward(name: Forwarded, event: SyntheticEvent): void {
    if (arming.armed() !== card.id) flushSync(() => arming.arm(card.id))
    arming.listeners()?.[name]?.(event)
  }

  function onHandleKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    if (e.key === 'F2' && !dragging) {
      e.preventDefault()
      setEditing(true)
      return
    }
    if ((e.key === 'o' || e.key === 'O') && !dragging && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault()
      onOpen(card.id)
      return
    }
    if (arming.armed() === card.id || PICK_UP.includes(e.code)) forward('onKeyDown', e)
  }

  const label = cardAriaLabel(card, peopleById, kpisById, parentTitle, approval, comments)
  return (
    <li
      data-slot-id={card.id}
      className={`card-slot${dragging ? ' is-placeholder' : ''}${editing ? ' is-editing' : ''}${dimmed ? ' is-dimmed' : ''}`}
    >
      {editing ? (
        <div className={`card kind-${card.kind}`} data-card-id={card.id}>
          <CardBody
            card={card}
            peopleById={peopleById}
            kpisById={kpisById}
            approval={approval}
            comments={comments}
            parentTitle={parentTitle}
            titleEditor={
              <CardTitleEditor
                title={card.title}
                onSave={(title) => onRename(card.id, title)}
                onDone={stopEditing}
              />
            }
          />
        </div>
      ) : (
        <div
          ref={handle}
          className={`card kind-${card.kind}`}
          data-card-id={card.id}
          // The attributes dnd-kit gives a draggable handle, spelled out: the card reads no drag context.
          role="button"
          tabIndex={0}
          aria-roledescription="sortable"
          aria-describedby={instructionsId}
          aria-pressed={dragging || undefined}
          aria-label={label}
          aria-keyshortcuts="O F2"
          onKeyDown={onHandleKeyDown}
          onPointerDown={(e: PointerEvent<HTMLDivElement>) => forward('onPointerDown', e)}
          onTouchStart={(e: TouchEvent<HTMLDivElement>) => forward('onTouchStart', e)}
          onDoubleClick={() => onOpen(card.id)}
        >
          <CardBody
            card={card}
            peopleById={peopleById}
            kpisById={kpisById}
            approval={approval}
            comments={comments}
            parentTitle={parentTitle}
          />
        </div>
      )}
      <CardVisitors cardId={card.id} />
      {!editing && (
        <div className="card-actions">
          <button
            type="button"
            className="icon-button"
            aria-label="Open details"
            title="Open details (O)"
            onClick={() => onOpen(card.id)}
          >
            {CardIcon.details}
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Edit title"
            title="Edit title (F2)"
            onClick={() => setEditing(true)}
          >
            {CardIcon.edit}
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label="Delete card"
            title="Delete card"
            onClick={() => onDelete(card.id)}
          >
            {CardIcon.delete}
          </button>
        </div>
      )}
    </li>
  )
})
