// The layout of a board's Y.Doc: which root types exist and what they hold. Everything else reads
// and writes the document through these accessors, so the layout lives in one place.
//
//   meta    Y.Map   title, description, northStarKpiId, schemaVersion
//   stages  Y.Map   stageId → Y.Map { phase, name, order }
//   cards   Y.Map   cardId  → Y.Map { kind, title, description: rich text, position: { stageId, order },
//                                     status, owners: Y.Map, kpiIds: Y.Array, tags: Y.Array, parentId,
//                                     hypothesis: Y.Map | undefined, createdBy/At, updatedBy/At }
//   card.hypothesis  Y.Map { statement, expectedImpact, triggers: rich text, impact, confidence, ease,
//                            horizon: { start, end }, result }
//   rich text  Y.XmlFragment in the editor's (Tiptap StarterKit) shape; see richText.ts (since v2)
//   people  Y.Map   personId → Y.Map { name, function, color }
//   kpis    Y.Map   kpiId → Y.Map { name, unit, direction, baseline, target, phase, functions,
//                                   parentId, checkIns: Y.Array<{ date, value }> }
//   comments  Y.Map   commentId → Y.Map { cardId, author, authorName, text, mentions: Y.Array, createdAt,
//                                        editedAt } — written and deleted by their author only
//   meta.functions  Y.Array<string>  team-defined functions
//   card.extraFunctions  Y.Array<string>  functions asked to sign off besides the owners'
//
// Written by the server alone (its guard refuses any client update that touches them):
//   members    Y.Map   memberId → { name, role, function, joinedAt, revokedAt }
//   decisions  Y.Map   decisionId → { cardId, function, verdict, reason, by, byName, at, fingerprint, round }
//   approvals  Y.Map   cardId → { round, proposedAt, proposedBy }
// and card.status may become `approved` or `declined` only through a server write.

import * as Y from 'yjs'

export const ROOT_NAMES = [
  'meta',
  'stages',
  'cards',
  'people',
  'kpis',
  'members',
  'decisions',
  'approvals',
] as const
export type RootName = (typeof ROOT_NAMES)[number]

/** Roots only the server writes. */
export const SERVER_ROOTS: readonly RootName[] = ['members', 'decisions', 'approvals']

/** Card statuses only the server sets, after leaders' decisions. */
export const SERVER_STATUSES: readonly string[] = ['approved', 'declined']

export type YRecord = Y.Map<unknown>

/** Root maps hold whatever replicas wrote: entries are checked with `recordIn` before use. */
export interface BoardRoots {
  meta: Y.Map<unknown>
  stages: Y.Map<unknown>
  cards: Y.Map<unknown>
  people: Y.Map<unknown>
  kpis: Y.Map<unknown>
  comments: Y.Map<unknown>
  members: Y.Map<unknown>
  decisions: Y.Map<unknown>
  approvals: Y.Map<unknown>
}

/** A root type, once defined, stays the same object for the document's life: read once per document. */
const rootsOf = new WeakMap<Y.Doc, BoardRoots>()

export function roots(doc: Y.Doc): BoardRoots {
  let found = rootsOf.get(doc)
  if (!found) {
    found = readRoots(doc)
    rootsOf.set(doc, found)
  }
  return found
}

function readRoots(doc: Y.Doc): BoardRoots {
  return {
    meta: doc.getMap('meta'),
    stages: doc.getMap('stages'),
    cards: doc.getMap('cards'),
    people: doc.getMap('people'),
    kpis: doc.getMap('kpis'),
    comments: doc.getMap('comments'),
    members: doc.getMap('members'),
    decisions: doc.getMap('decisions'),
    approvals: doc.getMap('approvals'),
  }
}

/** The entry `id` of a root map when it is a record (a Y.Map), else null. */
export function recordIn(map: Y.Map<unknown>, id: string): YRecord | null {
  const value = map.get(id)
  return value instanceof Y.Map ? (value as YRecord) : null
}

/** A Y.Map built from plain values in one go (nested objects stay plain JSON). */
export function yRecord(values: Record<string, unknown>): YRecord {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) map.set(key, value)
  }
  return map
}

export const SCHEMA_VERSION_KEY = 'schemaVersion'

export function schemaVersionOf(doc: Y.Doc): number {
  const v = roots(doc).meta.get(SCHEMA_VERSION_KEY)
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0
}
