// A commenter's initials on their function's colour (grey without one). Decorative: their name is
// always written next to it.

import { functionColor } from '@tideboard/shared'
import { initials } from '../cards/initials'

const NO_FUNCTION_COLOR = '#5b6579'

export function CommenterAvatar({ name, fn }: { name: string; fn: string | null }) {
  return (
    <span
      className="avatar avatar-sm"
      style={{ background: fn ? functionColor(fn) : NO_FUNCTION_COLOR }}
      title={fn ? `${name} · ${fn}` : name}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  )
}
