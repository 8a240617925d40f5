// @mentions in comment text, as pure functions of the text and the board's members: which "@query"
// the caret is in (for the autocomplete), who matches it, what picking someone inserts, and where
// "@Name" mentions sit in a text (to record their member ids and to highlight them).

export interface MentionTarget {
  id: string
  name: string
}

/** The longest query still worth completing: names are short, a longer run is just text. */
const MAX_QUERY = 40

/** Characters that may stand right before an @ that starts a mention (not an e-mail address). */
const BEFORE_MENTION = /[\s([{"'“‘«]/

/** Characters that may end a mention: the end of the text, a space or punctuation. */
const AFTER_MENTION = /[\s.,;:!?)\]}"'”’»]/

/** The "@query" the caret is at the end of: where its @ is and what follows it, or null. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const from = Math.max(0, caret - MAX_QUERY - 1)
  for (let i = caret - 1; i >= from; i--) {
    const ch = text[i]
    if (ch === '\n') return null
    if (ch !== '@') continue
    const before = i === 0 ? '' : (text[i - 1] ?? '')
    if (before !== '' && !BEFORE_MENTION.test(before)) return null
    const query = text.slice(i + 1, caret)
    if (query.startsWith(' ') || query.includes('@')) return null
    return { start: i, query }
  }
  return null
}

/**
 * Members matching `query`: the whole name or one of its words starts with it (case and accents
 * ignored), names starting with it first, then alphabetically. An empty query lists everyone.
 */
export function mentionCandidates<T extends MentionTarget>(
  targets: readonly T[],
  query: string,
  limit = 8,
): T[] {
  const q = fold(query)
  const scored = targets.flatMap((t) => {
    const name = fold(t.name)
    if (name.startsWith(q)) return [{ t, rank: 0 }]
    if (name.split(/\s+/).some((word) => word.startsWith(q))) return [{ t, rank: 1 }]
    return []
  })
  scored.sort((a, b) => a.rank - b.rank || a.t.name.localeCompare(b.t.name))
  return scored.slice(0, limit).map((s) => s.t)
}

/** The text with "@query" at `start`..`caret` replaced by "@Name ", and the caret after it. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const after = text.slice(caret)
  const inserted = `@${name}${after.startsWith(' ') ? '' : ' '}`
  return {
    text: text.slice(0, start) + inserted + after,
    caret: start + inserted.length + (after.startsWith(' ') ? 1 : 0),
  }
}

export interface FoundMention {
  start: number
  end: number
  /** Every target with that name (usually one). */
  ids: string[]
}

/** Each "@Name" of a target in `text`, longest name first where names share a start. */
export function findMentions(text: string, targets: readonly MentionTarget[]): FoundMention[] {
  if (!text.includes('@') || targets.length === 0) return []
  const byName = new Map<string, string[]>()
  for (const t of targets) {
    const key = fold(t.name)
    if (key === '') continue
    byName.set(key, [...(byName.get(key) ?? []), t.id])
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length)
  const folded = fold(text)
  // fold keeps the length of most text; when it does not, match on the text itself.
  const haystack = folded.length === text.length ? folded : text.toLowerCase()
  const found: FoundMention[] = []
  for (let i = haystack.indexOf('@'); i !== -1; i = haystack.indexOf('@', i + 1)) {
    const before = i === 0 ? '' : (text[i - 1] ?? '')
    if (before !== '' && !BEFORE_MENTION.test(before)) continue
    const name = names.find((n) => {
      if (!haystack.startsWith(n, i + 1)) return false
      const next = text[i + 1 + n.length]
      return next === undefined || AFTER_MENTION.test(next)
    })
    if (name === undefined) continue
    found.push({ start: i, end: i + 1 + name.length, ids: byName.get(name) ?? [] })
    i += name.length
  }
  return found
}

/**
 * The member ids a comment mentions: everyone whose "@Name" is in the text. Where several members
 * share a name, the ones picked from the list, or all of them when none was picked.
 */
export function mentionedIds(
  text: string,
  targets: readonly MentionTarget[],
  picked: ReadonlySet<string> = new Set(),
): string[] {
  const ids = new Set<string>()
  for (const m of findMentions(text, targets)) {
    const chosen = m.ids.length > 1 ? m.ids.filter((id) => picked.has(id)) : m.ids
    for (const id of chosen.length > 0 ? chosen : m.ids) ids.add(id)
  }
  return [...ids]
}

export type TextPart = { text: string; mention?: string[] }

/** The text cut into plain runs and the mentions of `ids` among `targets`, for display. */
export function mentionParts(text: string, targets: readonly MentionTarget[]): TextPart[] {
  const parts: TextPart[] = []
  let at = 0
  for (const m of findMentions(text, targets)) {
    if (m.start > at) parts.push({ text: text.slice(at, m.start) })
    parts.push({ text: text.slice(m.start, m.end), mention: m.ids })
    at = m.end
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at) })
  return parts
}

/** Lower case without accents, so "@jose" finds José. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}
