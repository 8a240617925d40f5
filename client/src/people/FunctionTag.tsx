// A function's name with its colour swatch: how functions appear in chips, lists and credit.

import { functionColor } from '@tideboard/shared'

export function FunctionTag({ fn }: { fn: string }) {
  return (
    <span className="function-tag">
      <span className="function-swatch" style={{ background: functionColor(fn) }} aria-hidden="true" />
      {fn}
    </span>
  )
}
