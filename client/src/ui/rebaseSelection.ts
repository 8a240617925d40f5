// Where a text cursor should sit after someone else changed the text under it: the change is found as
// one replaced middle (common prefix and suffix), and positions after it shift by its length change.

export interface Selection {
  start: number
  end: number
}

export function rebaseSelection(prev: string, next: string, selection: Selection): Selection {
  if (prev === next) return selection
  let prefix = 0
  const max = Math.min(prev.length, next.length)
  while (prefix < max && prev.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (
    suffix < max - prefix &&
    prev.charCodeAt(prev.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)
  ) {
    suffix++
  }
  const changedEnd = prev.length - suffix
  const delta = next.length - prev.length
  const move = (pos: number) => {
    if (pos <= prefix) return pos
    if (pos >= changedEnd) return pos + delta
    // Inside the replaced part: keep the cursor at the end of the new text there.
    return next.length - suffix
  }
  return { start: move(selection.start), end: move(selection.end) }
}
