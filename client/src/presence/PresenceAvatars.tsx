// Everyone else on the board, in the top bar: one avatar per person (initials on their function's
// colour, named "Name, Function"; a count when they have several tabs open), the rest behind "+N".
// Pressing an avatar follows that person's view; pressing it again stops.

import type { CSSProperties } from 'react'
import { initials } from '../cards/initials'
import { Popover } from '../ui/Popover'
import { personLabel } from './describeVisitor'
import type { PersonHere } from './peopleHere'
import type { PresenceStore } from './presenceStore'
import { usePeopleHere } from './usePresence'

export interface PresenceAvatarsProps {
  store: PresenceStore | null
  /** The key of the person being followed. */
  following: string | null
  onFollow(key: string | null): void
  /** Avatars shown before the rest go behind "+N". */
  max?: number
}

const personStyle = (person: PersonHere) => ({ '--person': person.color }) as CSSProperties

function hint(person: PersonHere, following: boolean): string {
  const tabs = person.tabs > 1 ? ` (${person.tabs} tabs open)` : ''
  return `${person.name}${person.function ? ` · ${person.function}` : ''}${tabs} — ${
    following ? 'stop following' : 'follow their view'
  }`
}

export function PresenceAvatars({ store, following, onFollow, max = 5 }: PresenceAvatarsProps) {
  const people = usePeopleHere(store)
  if (people.length === 0) return null
  const shown = people.length > max ? people.slice(0, max - 1) : people
  const rest = people.slice(shown.length)
  return (
    <div className="presence" role="group" aria-label="On this board now" data-testid="presence">
      <ul className="presence-list">
        {shown.map((person) => {
          const isFollowed = following === person.key
          return (
            <li key={person.key}>
              <button
                type="button"
                className={`presence-avatar${isFollowed ? ' is-followed' : ''}`}
                style={personStyle(person)}
                aria-label={personLabel(person)}
                aria-pressed={isFollowed}
                title={hint(person, isFollowed)}
                data-person={person.key}
                onClick={() => onFollow(isFollowed ? null : person.key)}
              >
                <span aria-hidden="true">{initials(person.name)}</span>
                {person.tabs > 1 && (
                  <span className="presence-tabs" aria-hidden="true">
                    {person.tabs}
                  </span>
                )}
              </button>
            </li>
          )
        })}
      </ul>
      {rest.length > 0 && (
        <Popover
          className="presence-more"
          summaryClassName="presence-avatar presence-overflow"
          summary={
            <>
              <span aria-hidden="true">+{rest.length}</span>
              <span className="sr-only">{rest.length} more people here</span>
            </>
          }
        >
          {rest.map((person) => (
            <button
              key={person.key}
              type="button"
              className="menu-item presence-menu-item"
              aria-pressed={following === person.key}
              onClick={(e) => {
                e.currentTarget.closest('details')?.removeAttribute('open')
                onFollow(following === person.key ? null : person.key)
              }}
            >
              <span className="avatar avatar-sm" style={{ background: person.color }} aria-hidden="true">
                {initials(person.name)}
              </span>
              <span>
                {personLabel(person)}
                {person.tabs > 1 && <span className="hint"> · {person.tabs} tabs</span>}
              </span>
            </button>
          ))}
        </Popover>
      )}
    </div>
  )
}
