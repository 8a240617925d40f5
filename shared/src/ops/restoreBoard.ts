// Brings a board back to a saved version as a new change on top of its history: every field of the
// meta, stages, people, KPIs and cards that differs from the saved board is set to the saved value,
// records deleted since are re-created under their ids, and records added since are deleted. Only
// what differs is written, so applying it twice changes nothing the second time. Comments, decisions,
// approval rounds and members are left alone: restoring a plan never erases a conversation or a record.

import * as Y from 'yjs'
import { type Board, readBoard, readCardsById } from '../board.js'
import type { Card } from '../records/card.js'
import { fail, ok, type Result } from '../result.js'
import { copyRichText, PLAN_TEXT_FIELDS, type PlanTextField } from '../richText.js'
import { recordIn, roots, type YRecord, yRecord } from '../schema.js'
import { addCard } from './addCard.js'
import { type CardUpdate, updateCard } from './updateCard.js'

export interface RestoreOptions {
  /** Who restores (member id), recorded as the changed cards' updatedBy. */
  by?: string | null
  now?: Date
  origin?: unknown
  /**
   * The saved version's document, when the caller has it: rich text then comes back with its
   * formatting (bold, lists) instead of as plain lines.
   */
  from?: Y.Doc
}

export interface RestoreSummary {
  /** Cards deleted since the version, re-created. */
  recreated: string[]
  /** Cards added since the version, deleted. */
  removed: string[]
  /** Cards that exist in both and had fields set back. */
  changed: string[]
  /** Fields that could not be written back (the version holds a value the ops refuse today). */
  skipped: string[]
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Sets each key of `values` whose stored value differs; true when something was written. */
function setDiffering(record: YRecord, current: object, values: Record<string, unknown>) {
  let wrote = false
  for (const [key, value] of Object.entries(values)) {
    if (same((current as Record<string, unknown>)[key], value)) continue
    record.set(key, value)
    wrote = true
  }
  return wrote
}

/** A whole new list: concurrent restores replace, never interleave, so replicas agree on one list. */
function setList(record: YRecord, key: string, current: readonly unknown[], values: readonly unknown[]) {
  if (same(current, values)) return false
  const list = new Y.Array<unknown>()
  list.push([...values])
  record.set(key, list)
  return true
}

/** Brings the saved records of one root map back: fields set where they differ, missing ones re-created. */
function upsertRecords<T extends { id: string }>(
  map: Y.Map<unknown>,
  current: readonly T[],
  saved: readonly T[],
  write: (record: YRecord, was: T | undefined, want: T) => void,
): void {
  const byId = new Map(current.map((r) => [r.id, r]))
  for (const want of saved) {
    const record = recordIn(map, want.id)
    if (record) {
      write(record, byId.get(want.id), want)
      continue
    }
    const made = yRecord({})
    map.set(want.id, made)
    write(made, undefined, want)
  }
}

/** Deletes the entries of a root map that the saved board does not have; returns their ids. */
function pruneRecords(map: Y.Map<unknown>, saved: readonly { id: string }[]): string[] {
  const keep = new Set(saved.map((r) => r.id))
  const gone = [...map.keys()].filter((id) => !keep.has(id))
  for (const id of gone) map.delete(id)
  return gone
}

export function restoreBoard(doc: Y.Doc, saved: Board, options: RestoreOptions = {}): Result<RestoreSummary> {
  const { by = null, origin = null } = options
  const now = options.now ?? new Date()
  const r = roots(doc)
  const current = readBoard(doc)
  const summary: RestoreSummary = { recreated: [], removed: [], changed: [], skipped: [] }

  doc.transact(() => {
    // Stages, people and KPIs first: the cards written below refer to them.
    upsertRecords(r.stages, current.stages, saved.stages, (record, was, want) => {
      setDiffering(record, was ?? {}, { phase: want.phase, name: want.name, order: want.order })
    })
    upsertRecords(r.people, current.people, saved.people, (record, was, want) => {
      setDiffering(record, was ?? {}, { name: want.name, function: want.function, color: want.color })
    })
    pruneRecords(r.people, saved.people)
    upsertRecords(r.kpis, current.kpis, saved.kpis, (record, was, want) => {
      const { id: _id, functions, checkIns, ...fields } = want
      setDiffering(record, was ?? {}, fields)
      setList(record, 'functions', was?.functions ?? [], functions)
      setList(record, 'checkIns', was?.checkIns ?? [], checkIns)
    })
    pruneRecords(r.kpis, saved.kpis)

    const currentCards = new Map(current.cards.map((c) => [c.id, c]))
    for (const want of saved.cards) {
      let was = currentCards.get(want.id)
      if (!was) {
        const made = recreateCard(doc, want, by, now)
        if (!made.ok) {
          summary.skipped.push(`card ${want.id}: ${made.error}`)
          continue
        }
        summary.recreated.push(want.id)
        was = made.value
      }
      const source = options.from ? recordIn(roots(options.from).cards, want.id) : null
      const changed = restoreCard(doc, was, want, by, now, summary.skipped, source)
      if (changed && currentCards.has(want.id)) summary.changed.push(want.id)
    }
    summary.removed.push(...pruneRecords(r.cards, saved.cards))

    setDiffering(r.meta, current.meta, {
      title: saved.meta.title,
      description: saved.meta.description,
      northStarKpiId: saved.meta.northStarKpiId,
    })
    // Last: the cards of a stage added since have gone back to their saved stages by now.
    pruneRecords(r.stages, saved.stages)
  }, origin)
  return ok(summary)
}

/** Re-creates a card deleted since the version under its id, with what addCard gives every new card. */
function recreateCard(doc: Y.Doc, want: Card, by: string | null, now: Date): Result<Card> {
  const made = addCard(doc, {
    id: want.id,
    kind: want.kind,
    title: want.title.trim() === '' ? 'Untitled card' : want.title,
    stageId: want.stageId,
    by,
    now,
  })
  if (!made.ok) return made
  const record = recordIn(roots(doc).cards, want.id)
  record?.set('createdBy', want.createdBy)
  record?.set('createdAt', want.createdAt)
  const card = readBoard(doc).cards.find((c) => c.id === want.id)
  return card ? ok(card) : fail('not readable after re-creating it')
}

/** Copies one rich-text field from the saved record when both hold fragments; true when it wrote. */
function copyFragment(record: Y.Map<unknown>, source: Y.Map<unknown>, key: string): boolean {
  const target = record.get(key)
  const from = source.get(key)
  return target instanceof Y.XmlFragment && from instanceof Y.XmlFragment ? copyRichText(target, from) : false
}

/** Sets a card's differing fields to the saved ones; true when anything was written. */
function restoreCard(
  doc: Y.Doc,
  was: Card,
  want: Card,
  by: string | null,
  now: Date,
  skipped: string[],
  source: YRecord | null,
): boolean {
  const record = recordIn(roots(doc).cards, want.id)
  if (!record) return false
  let changed = false
  let textWas = was
  // With the saved document at hand, its fragments are copied (formatting and all); the plain-text
  // path below then finds nothing left to write for them.
  if (source) {
    changed = copyFragment(record, source, 'description') || changed
    const plan = record.get('hypothesis')
    const savedPlan = source.get('hypothesis')
    if (plan instanceof Y.Map && savedPlan instanceof Y.Map) {
      for (const key of PLAN_TEXT_FIELDS) changed = copyFragment(plan, savedPlan, key) || changed
    }
    if (changed) textWas = readCardsById(doc, [want.id]).get(want.id) ?? was
  }
  // Kind and text go through updateCard, which knows how each is stored (a plan; rich text, edited
  // line by line in the fragments editors are bound to, so lines unchanged keep their formatting).
  const text: CardUpdate = {}
  if (was.kind !== want.kind) text.kind = want.kind
  if (textWas.description !== want.description) text.description = want.description
  if (want.hypothesis) {
    const plan: Partial<Record<PlanTextField, string>> = {}
    for (const key of PLAN_TEXT_FIELDS) {
      if (textWas.hypothesis?.[key] !== want.hypothesis[key]) plan[key] = want.hypothesis[key]
    }
    if (Object.keys(plan).length > 0) text.hypothesis = plan
  }
  if (Object.keys(text).length > 0) {
    const result = updateCard(doc, want.id, text, by, null, now)
    if (result.ok) changed = true
    else skipped.push(`card ${want.id}: ${result.error}`)
  }

  const wasFields = {
    title: was.title,
    status: was.status,
    parentId: was.parentId,
    position: { stageId: was.stageId, order: was.order },
  }
  changed =
    setDiffering(record, wasFields, {
      title: want.title,
      status: want.status,
      parentId: want.parentId,
      position: { stageId: want.stageId, order: want.order },
    }) || changed
  changed = setList(record, 'kpiIds', was.kpiIds, want.kpiIds) || changed
  changed = setList(record, 'tags', was.tags, want.tags) || changed
  changed = setList(record, 'extraFunctions', was.extraFunctions, want.extraFunctions) || changed

  if (!same(was.owners, want.owners)) {
    let owners = record.get('owners')
    if (!(owners instanceof Y.Map)) {
      owners = new Y.Map<unknown>()
      record.set('owners', owners)
    }
    const map = owners as Y.Map<unknown>
    for (const fn of [...map.keys()]) if (!(fn in want.owners)) map.delete(fn)
    for (const [fn, personId] of Object.entries(want.owners)) {
      if (map.get(fn) !== personId) map.set(fn, personId)
    }
    changed = true
  }

  const plan = record.get('hypothesis')
  if (want.hypothesis && plan instanceof Y.Map) {
    const { impact, confidence, ease, horizon, result } = want.hypothesis
    const wasPlan = was.hypothesis ?? {}
    changed = setDiffering(plan, wasPlan, { impact, confidence, ease, horizon, result }) || changed
  }

  if (changed) {
    record.set('updatedBy', by)
    record.set('updatedAt', now.toISOString())
  }
  return changed
}
