// Keeps the identity of a derived value while its content stays equal, so memoised children that get
// it as a prop (or a context that holds it) do not re-render when nothing they show changed.

import { useRef } from 'react'
import { replaceEqualDeep } from './replaceEqualDeep'

export function useStable<T>(value: T): T {
  const ref = useRef(value)
  const shared = replaceEqualDeep(ref.current, value)
  ref.current = shared
  return shared
}
