// Says whose view this screen is following, with the way out.

import type { PersonHere } from './peopleHere'

export function FollowBanner({ person, onStop }: { person: PersonHere; onStop(): void }) {
  return (
    <div className="banner banner-follow" role="status" style={{ borderColor: person.color }}>
      <p>
        <span className="follow-dot" style={{ background: person.color }} aria-hidden="true" />
        Following <strong>{person.name}</strong>
        {person.function && <span className="follow-function"> · {person.function}</span>}
        <span className="follow-hint">
          {' '}
          — your screen shows what they look at; moving on your own stops it.
        </span>
      </p>
      <button type="button" className="button small" onClick={onStop}>
        Stop
      </button>
    </div>
  )
}
