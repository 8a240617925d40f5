// A person's initials on their function's colour; the name and function are in the title and in the
// accessible text, so colour is never the only signal.

import { functionColor, type Person } from '@tideboard/shared'
import { initials } from '../cards/initials'

export function Avatar({ person, fn, size = 'md' }: { person: Person; fn?: string; size?: 'sm' | 'md' }) {
  const role = fn ?? person.function
  return (
    <span
      className={`avatar avatar-${size}`}
      style={{ background: functionColor(role) }}
      title={`${person.name} · ${role}`}
      aria-hidden="true"
    >
      {initials(person.name)}
    </span>
  )
}
