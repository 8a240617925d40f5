// A card's comments in its detail panel: the thread (oldest first, live), a composer with @mentions,
// and edit and delete on this person's own comments only — the server refuses anything else, so
// the controls are not offered. Viewers read the thread without a composer.

import type { Board, Comment } from '@tideboard/shared'
import { useId, useMemo, useRef, useState } from 'react'
import type { BoardActions } from '../state/boardSession'
import { asSentence } from '../ui/asSentence'
import { CommentIcon } from '../ui/icons'
import { useNow } from '../ui/useNow'
import { CommentComposer } from './CommentComposer'
import { CommentItem } from './CommentItem'
import { authorFunction, commentersOf } from './commenters'

export interface CommentsSectionProps {
  cardId: string
  board: Pick<Board, 'comments' | 'members' | 'people'>
  /** Who this browser writes as; their own comments get edit and delete. */
  writer: string | null
  canComment: boolean
  actions: Pick<BoardActions, 'addComment' | 'editComment' | 'deleteComment'>
  /** A comment to scroll to and focus once it is shown. */
  shownComment?: string | null
}

export function CommentsSection({
  cardId,
  board,
  writer,
  canComment,
  actions,
  shownComment = null,
}: CommentsSectionProps) {
  const id = useId()
  const now = useNow()
  const heading = useRef<HTMLHeadingElement>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const comments = useMemo(() => board.comments.filter((c) => c.cardId === cardId), [board.comments, cardId])
  const targets = useMemo(
    () => commentersOf(board).filter((c) => c.id !== writer),
    [board.members, board.people, writer, board],
  )
  const allMembers = useMemo(() => board.members.map((m) => ({ id: m.id, name: m.name })), [board.members])

  const problemOf = (r: { ok: true } | { ok: false; error: string }) => (r.ok ? null : asSentence(r.error))

  return (
    <section className="detail-section comments-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1} className="detail-heading">
        <CommentIcon size={15} /> Comments
        {comments.length > 0 && <span className="hint">{comments.length}</span>}
      </h3>
      {comments.length === 0 ? (
        <p className="hint">{canComment ? 'No comments yet. Start the conversation.' : 'No comments yet.'}</p>
      ) : (
        <ol className="comment-list" aria-label="Comments">
          {comments.map((c: Comment) => (
            <CommentItem
              key={c.id}
              comment={c}
              fn={authorFunction(board, c.author, c.authorName)}
              mentionable={allMembers}
              me={writer}
              mine={canComment && writer !== null && c.author === writer}
              editing={editing === c.id}
              show={shownComment === c.id}
              targets={targets}
              now={now}
              onStartEdit={() => setEditing(c.id)}
              onStopEdit={() => setEditing(null)}
              onSave={(text, mentions) => {
                const error = problemOf(actions.editComment(c.id, text, mentions))
                if (error === null) setEditing(null)
                return error
              }}
              onDelete={() => {
                const error = problemOf(actions.deleteComment(c.id))
                if (error === null) heading.current?.focus()
                return error
              }}
            />
          ))}
        </ol>
      )}
      {canComment ? (
        <CommentComposer
          targets={targets}
          label="Add a comment"
          submitLabel="Comment"
          onSubmit={(text, mentions) => problemOf(actions.addComment(cardId, text, mentions))}
        />
      ) : writer === null || !canComment ? (
        <p className="hint">You can read comments here; only members who edit the board can write them.</p>
      ) : null}
    </section>
  )
}
