// A card that members can drag (pointer, touch, keyboard), open, rename in place and delete. The
// focusable drag handle is the card body (role button, named by its title); the details, edit and
// delete buttons sit beside it, outside the handle, so pressing them never starts a drag. Space and
// Enter pick the card up; O (or a double click) opens its details; F2 renames it. Who else is on the
// card shows in its corner; renaming it in place tells them this user is editing its title.

import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { Card, Kpi, Person } from '@tideboard/shared'
import { type KeyboardEvent, memo, useCallback, useEffect, useRef, useState } from 'react'
import type { CardApproval } from '../approvals/cardApprovals'
import type { CardComments } from '../comments/unseenMentions'
import { CardVisitors } from '../presence/CardVisitors'
import { usePresenceStore } from '../presence/usePresence'
import { DetailsIcon, PencilIcon, TrashIcon } from '../ui/icons'
import { CardBody } from './CardBody'
import { CardTitleEditor } from './CardTitleEditor'
import { cardAriaLabel } from './cardAriaLabel'

export interface SortableCardProps {
  card: Card
  stageId: string
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
  /** Sign-offs of a proposed, approved or declined card. */
  approval: CardApproval | null
  /** How many comments, and unseen mentions of this person; null without comments. */
  comments: CardComments | null
  parentTitle: string | null
  /** Shown faded: the card does not match the active filters. */
  dimmed: boolean
  /** Returns an error message, or null when saved. */
  onRename(cardId: string, title: string): string | null
  onDelete(cardId: string): void
  onOpen(cardId: string): void
}

export const SortableCard = memo(function SortableCard({
  card,
  stageId,
  peopleById,
  kpisById,
  approval,
  comments,
  parentTitle,
  dimmed,
  onRename,
  onDelete,
  onOpen,
}: SortableCardProps) {
  const [editing, setEditing] = useState(false)
  const handle = useRef<HTMLDivElement | null>(null)
  const presence = usePresenceStore()
  useEffect(() => {
    if (!editing || !presence) return
    presence.setEditing({ cardId: card.id, field: 'Title' })
    return () => presence.stopEditing(card.id)
  }, [editing, presence, card.id])
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: card.id, data: { stageId }, disabled: editing })

  const setHandle = useCallback(
    (node: HTMLDivElement | null) => {
      handle.current = node
      setActivatorNodeRef(node)
    },
    [setActivatorNodeRef],
  )

  const stopEditing = useCallback(() => {
    setEditing(false)
    requestAnimationFrame(() => handle.current?.focus())
  }, [])

  function onHandleKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    if (e.key === 'F2' && !isDragging) {
      e.preventDefault()
      setEditing(true)
      return
    }
    if ((e.key === 'o' || e.key === 'O') && !isDragging && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault()
      onOpen(card.id)
      return
    }
    listeners?.onKeyDown?.(e)
  }

  // Role and tab stop are spelled out here (they match dnd-kit's) so the markup says what the handle is.
  const { role: _role, tabIndex: _tabIndex, ...handleAttributes } = attributes
  const label = cardAriaLabel(card, peopleById, kpisById, parentTitle, approval, comments)
  return (
    <li
      ref={setNodeRef}
      className={`card-slot${isDragging ? ' is-placeholder' : ''}${editing ? ' is-editing' : ''}${dimmed ? ' is-dimmed' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
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
          ref={setHandle}
          className={`card kind-${card.kind}`}
          data-card-id={card.id}
          {...handleAttributes}
          role="button"
          tabIndex={0}
          {...listeners}
          aria-label={label}
          aria-keyshortcuts="O F2"
          onKeyDown={onHandleKeyDown}
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
            <DetailsIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Edit title"
            title="Edit title (F2)"
            onClick={() => setEditing(true)}
          >
            <PencilIcon />
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label="Delete card"
            title="Delete card"
            onClick={() => onDelete(card.id)}
          >
            <TrashIcon />
          </button>
        </div>
      )}
    </li>
  )
})
