// Replaces a Y.Text's (or a rich-text run's Y.XmlText's) content with new text by editing only the
// changed middle, so a concurrent edit elsewhere in the same text, and formatting outside the change,
// survive.

import type * as Y from 'yjs'

/** The text as indexed by Yjs: formatting is not text, and an embed counts as one character. */
function indexedText(text: Y.Text): string {
  let out = ''
  for (const op of text.toDelta() as { insert?: unknown }[]) {
    out += typeof op.insert === 'string' ? op.insert : '\uFFFC'
  }
  return out
}

export function replaceText(text: Y.Text, next: string): void {
  const prev = indexedText(text)
  if (prev === next) return
  let start = 0
  const max = Math.min(prev.length, next.length)
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++
  let endPrev = prev.length
  let endNext = next.length
  while (
    endPrev > start &&
    endNext > start &&
    prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)
  ) {
    endPrev--
    endNext--
  }
  if (endPrev > start) text.delete(start, endPrev - start)
  if (endNext > start) text.insert(start, next.slice(start, endNext))
}
