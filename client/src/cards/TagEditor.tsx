// A card's tags as chips: remove with the chip's × button, add by typing (suggestions come from the
// tags already used on the board).

import type { CardUpdate, Result } from '@tideboard/shared'
import { useId, useState } from 'react'
import { FieldError } from '../ui/FieldError'
import { useProblem } from '../ui/useProblem'

export interface TagEditorProps {
  tags: readonly string[]
  boardTags: readonly string[]
  canEdit: boolean
  update(update: CardUpdate): Result<undefined>
}

export function TagEditor({ tags, boardTags, canEdit, update }: TagEditorProps) {
  const id = useId()
  const [draft, setDraft] = useState('')
  const [problem, check] = useProblem()
  const suggestions = boardTags.filter((t) => !tags.includes(t))

  function add(): void {
    const tag = draft.trim()
    if (tag === '') return
    if (check(update({ tags: [...tags, tag] }))) setDraft('')
  }

  return (
    <section className="detail-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="detail-heading">
        Tags
      </h3>
      {tags.length === 0 && !canEdit && <p className="hint">No tags.</p>}
      {tags.length > 0 && (
        <ul className="chip-list" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} className="chip tag-chip">
              #{tag}
              {canEdit && (
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => check(update({ tags: tags.filter((t) => t !== tag) }))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            add()
          }}
        >
          <input
            className="input"
            aria-label="New tag"
            placeholder="Add a tag"
            list={`${id}-tags`}
            maxLength={40}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <datalist id={`${id}-tags`}>
            {suggestions.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <button type="submit" className="button small" disabled={draft.trim() === ''}>
            Add tag
          </button>
        </form>
      )}
      <FieldError>{problem}</FieldError>
    </section>
  )
}
