// One comment: author (avatar on their function's colour, and their name), text with its mentions
// marked, when, and whether it was edited. The author gets Edit and Delete (with a confirmation);
// nobody else sees them.

import type { Comment } from '@tideboard/shared'
import { useEffect, useRef, useState } from 'react'
import { PencilIcon, TrashIcon } from '../ui/icons'
import { fullTime, timeAgo } from '../ui/timeAgo'
import { CommentComposer } from './CommentComposer'
import { CommenterAvatar } from './CommenterAvatar'
import type { Commenter } from './commenters'
import { type MentionTarget, mentionParts } from './mentions'

export interface CommentItemProps {
  comment: Comment
  fn: string | null
  /** Everyone a mention may name (members, also revoked ones), to mark mentions in the text. */
  mentionable: readonly MentionTarget[]
  me: string | null
  mine: boolean
  editing: boolean
  /** Bring this comment into view and focus it (it was opened from a mention). */
  show?: boolean
  /** Who can be mentioned in an edit. */
  targets: readonly Commenter[]
  now: number
  onStartEdit(): void
  onStopEdit(): void
  onSave(text: string, mentions: string[]): string | null
  /** Returns a problem to show, or null when deleted. */
  onDelete(): string | null
}

export function CommentItem({
  comment,
  fn,
  mentionable,
  me,
  mine,
  editing,
  show = false,
  targets,
  now,
  onStartEdit,
  onStopEdit,
  onSave,
  onDelete,
}: CommentItemProps) {
  const editButton = useRef<HTMLButtonElement>(null)
  const keepButton = useRef<HTMLButtonElement>(null)
  const deleteButton = useRef<HTMLButtonElement>(null)
  const wasConfirming = useRef(false)
  const [confirming, setConfirming] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const wasEditing = useRef(editing)
  const item = useRef<HTMLLIElement>(null)

  useEffect(() => {
    if (!show) return
    // After the panel has taken focus on opening.
    const frame = requestAnimationFrame(() => {
      item.current?.scrollIntoView({ block: 'center' })
      item.current?.focus({ preventScroll: true })
    })
    return () => cancelAnimationFrame(frame)
  }, [show])

  // Back on Edit after saving or cancelling, so keyboard users stay where they were.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus()
    wasEditing.current = editing
  }, [editing])
  useEffect(() => {
    if (confirming) keepButton.current?.focus()
    else if (wasConfirming.current) deleteButton.current?.focus()
    wasConfirming.current = confirming
  }, [confirming])

  const named = mentionable.filter((t) => comment.mentions.includes(t.id))
  const mentionsMe = me !== null && comment.mentions.includes(me) && comment.author !== me
  return (
    <li
      ref={item}
      tabIndex={show ? -1 : undefined}
      className={`comment${mine ? ' is-mine' : ''}${mentionsMe ? ' mentions-me' : ''}`}
      data-comment-id={comment.id}
    >
      <CommenterAvatar name={comment.authorName} fn={fn} />
      <div className="comment-main">
        <p className="comment-meta">
          <strong className="comment-author">{comment.authorName}</strong>
          {mine && <span className="comment-you"> (you)</span>}
          {fn && <span className="comment-fn"> · {fn}</span>}
          <span aria-hidden="true"> · </span>
          <time dateTime={comment.createdAt} title={fullTime(comment.createdAt)}>
            {timeAgo(comment.createdAt, now)}
          </time>
          {comment.editedAt && (
            <span className="comment-edited" title={`Edited ${fullTime(comment.editedAt)}`}>
              {' '}
              · edited
            </span>
          )}
          {mentionsMe && <span className="comment-mention-note"> · mentions you</span>}
        </p>
        {editing ? (
          <CommentComposer
            targets={targets}
            label="Edit your comment"
            submitLabel="Save"
            initialText={comment.text}
            initialMentions={comment.mentions}
            onSubmit={onSave}
            onCancel={onStopEdit}
            autoFocus
          />
        ) : (
          <p className="comment-text">
            {mentionParts(comment.text, named).map((part, i) =>
              part.mention ? (
                <span
                  // biome-ignore lint/suspicious/noArrayIndexKey: parts of one text, in order
                  key={i}
                  className={`mention${me !== null && part.mention.includes(me) ? ' is-me' : ''}`}
                >
                  {part.text}
                </span>
              ) : (
                part.text
              ),
            )}
          </p>
        )}
        {mine && !editing && !confirming && (
          <div className="comment-actions">
            <button ref={editButton} type="button" className="button ghost small" onClick={onStartEdit}>
              <PencilIcon size={14} /> Edit<span className="sr-only"> your comment</span>
            </button>
            <button
              ref={deleteButton}
              type="button"
              className="button ghost danger small"
              onClick={() => setConfirming(true)}
            >
              <TrashIcon size={14} /> Delete<span className="sr-only"> your comment</span>
            </button>
          </div>
        )}
        {mine && confirming && (
          <div
            className="comment-confirm"
            role="group"
            aria-label="Delete this comment?"
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return
              e.preventDefault()
              e.stopPropagation()
              setConfirming(false)
            }}
          >
            <span className="comment-confirm-text">Delete this comment? This cannot be undone.</span>
            <button
              type="button"
              className="button danger small"
              onClick={() => {
                const error = onDelete()
                setProblem(error)
                if (error !== null) setConfirming(false)
              }}
            >
              Delete
            </button>
            <button
              ref={keepButton}
              type="button"
              className="button small"
              onClick={() => setConfirming(false)}
            >
              Keep it
            </button>
          </div>
        )}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </li>
  )
}
