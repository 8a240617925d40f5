// Writing or editing a comment: a textarea with @mention autocomplete. Typing "@" and part of a name
// opens a list of the board's members; arrows move through it (aria-activedescendant, so focus stays
// in the text), Enter or Tab inserts "@Name", Escape closes it. Ctrl/Cmd+Enter posts; Escape with the
// list closed cancels an edit.

import { MAX_COMMENT_LENGTH } from '@tideboard/shared'
import { type KeyboardEvent, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { CommenterAvatar } from './CommenterAvatar'
import type { Commenter } from './commenters'
import { insertMention, mentionAt, mentionCandidates, mentionedIds } from './mentions'

export interface CommentComposerProps {
  /** Members who can be mentioned. */
  targets: readonly Commenter[]
  label: string
  submitLabel: string
  initialText?: string
  /** Picked mentions of the comment being edited. */
  initialMentions?: readonly string[]
  /** Saves; returns a problem to show, or null when saved. */
  onSubmit(text: string, mentions: string[]): string | null
  /** Offered (button and Escape) when editing. */
  onCancel?: () => void
  autoFocus?: boolean
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export function CommentComposer({
  targets,
  label,
  submitLabel,
  initialText = '',
  initialMentions = [],
  onSubmit,
  onCancel,
  autoFocus = false,
}: CommentComposerProps) {
  const id = useId()
  const area = useRef<HTMLTextAreaElement>(null)
  const [text, setText] = useState(initialText)
  const [caret, setCaret] = useState(initialText.length)
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(initialMentions))
  const [active, setActive] = useState(0)
  // Escape closes the list for this "@query"; typing on reopens it.
  const [dismissedAt, setDismissedAt] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const pendingCaret = useRef<number | null>(null)

  const mention = mentionAt(text, caret)
  const candidates = useMemo(
    () => (mention ? mentionCandidates(targets, mention.query) : []),
    [mention?.query, targets, mention],
  )
  const mentionKey = mention ? `${mention.start}:${mention.query}` : null
  const open = mention !== null && candidates.length > 0 && dismissedAt !== mentionKey
  const activeIndex = Math.min(active, candidates.length - 1)
  const listId = `${id}-mentions`
  const optionId = (i: number) => `${id}-mention-${i}`

  useLayoutEffect(() => {
    const el = area.current
    if (el && pendingCaret.current !== null) {
      el.setSelectionRange(pendingCaret.current, pendingCaret.current)
      pendingCaret.current = null
    }
  })
  useLayoutEffect(() => {
    if (!autoFocus) return
    const el = area.current
    el?.focus()
    el?.setSelectionRange(el.value.length, el.value.length)
  }, [autoFocus])

  function pick(index: number): void {
    const target = candidates[index]
    if (!mention || !target) return
    const next = insertMention(text, mention.start, caret, target.name)
    setText(next.text)
    setCaret(next.caret)
    pendingCaret.current = next.caret
    setPicked((p) => new Set([...p, target.id]))
    setActive(0)
    area.current?.focus()
  }

  function submit(): void {
    if (text.trim() === '') {
      setProblem('Write something first.')
      return
    }
    const error = onSubmit(text, mentionedIds(text, targets, picked))
    setProblem(error)
    if (error === null && !onCancel) {
      setText('')
      setCaret(0)
      setPicked(new Set())
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        const step = e.key === 'ArrowDown' ? 1 : -1
        setActive((activeIndex + step + candidates.length) % candidates.length)
        return
      }
      if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.shiftKey) || e.key === 'Tab') {
        e.preventDefault()
        pick(activeIndex)
        return
      }
      if (e.key === 'Escape') {
        // The list closes; the panel (and an edit) stay.
        e.preventDefault()
        e.stopPropagation()
        setDismissedAt(mentionKey)
        return
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      submit()
      return
    }
    if (e.key === 'Escape' && onCancel) {
      e.preventDefault()
      e.stopPropagation()
      onCancel()
    }
  }

  const follow = (el: HTMLTextAreaElement) => {
    setCaret(el.selectionStart)
    setActive(0)
  }

  return (
    <form
      className="comment-composer"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <label htmlFor={`${id}-text`} className="sr-only">
        {label}
      </label>
      <div className="mention-anchor">
        <textarea
          ref={area}
          id={`${id}-text`}
          className="input comment-input"
          rows={3}
          maxLength={MAX_COMMENT_LENGTH}
          placeholder="Write a comment. Type @ to mention someone."
          value={text}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? optionId(activeIndex) : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            setText(e.target.value)
            setProblem(null)
            follow(e.target)
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setDismissedAt(mentionKey)}
          onFocus={() => setDismissedAt(null)}
        />
        {open && (
          <div id={listId} className="mention-list" role="listbox" aria-label="Mention someone">
            {candidates.map((c, i) => (
              // Options are picked with the keyboard from the textarea (aria-activedescendant) or
              // clicked; mousedown keeps focus in the textarea.
              // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard handled by the textarea
              <div
                key={c.id}
                id={optionId(i)}
                role="option"
                tabIndex={-1}
                aria-selected={i === activeIndex}
                className={`mention-option${i === activeIndex ? ' is-active' : ''}`}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(i)}
              >
                <CommenterAvatar name={c.name} fn={c.fn} />
                <span className="mention-name">{c.name}</span>
                {c.fn && <span className="mention-fn">{c.fn}</span>}
              </div>
            ))}
          </div>
        )}
      </div>
      {problem && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="comment-composer-row">
        <p id={`${id}-hint`} className="hint">
          {isMac ? '⌘' : 'Ctrl'}+Enter to {submitLabel.toLowerCase()}
          {onCancel ? ', Escape to cancel' : ''}
        </p>
        <div className="comment-buttons">
          {onCancel && (
            <button type="button" className="button small" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="button primary small">
            {submitLabel}
          </button>
        </div>
      </div>
    </form>
  )
}
