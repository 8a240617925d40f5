// Edits any field of a card in one transaction, after checking every value and the status rules.
// Each field is its own map key (lists are Y.Arrays, owners a Y.Map), so concurrent edits of
// different fields, owners or tags all survive.

import * as Y from 'yjs'
import { readBoard } from '../board.js'
import { CARD_KINDS, CARD_STATUSES, type CardKind, type CardStatus, readCard } from '../records/card.js'
import { type HypothesisPlan, OUTCOMES, planRecord } from '../records/hypothesis.js'
import { newRepairs, readRecord } from '../records/read.js'
import { fail, ok, type Result } from '../result.js'
import { newRichText, PLAN_TEXT_FIELDS, setRichText } from '../richText.js'
import { recordIn, roots, type YRecord } from '../schema.js'
import { checkStatusChange } from '../status.js'
import { cleanTitle } from './validate.js'

export interface CardUpdate {
  title?: string
  kind?: CardKind
  description?: string
  status?: CardStatus
  tags?: string[]
  /** Functions asked to sign off in addition to the owners' functions. */
  extraFunctions?: string[]
  parentId?: string | null
  /** Lead owner per function; null removes that function's owner. */
  owners?: Record<string, string | null>
  kpiIds?: string[]
  hypothesis?: Partial<HypothesisPlan>
}

const MAX_TAGS = 20
const MAX_TEXT = 20_000

function checkScore(name: string, v: unknown): string | null {
  if (v === null) return null
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10
    ? null
    : `${name} must be an integer 1–10`
}

function checkDate(name: string, v: unknown): string | null {
  if (v === null) return null
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
    ? null
    : `${name} must be a date (YYYY-MM-DD)`
}

function checkPlan(p: Partial<HypothesisPlan>): string | null {
  for (const key of PLAN_TEXT_FIELDS) {
    const v = p[key]
    if (v !== undefined && (typeof v !== 'string' || v.length > MAX_TEXT)) return `${key} must be text`
  }
  for (const key of ['impact', 'confidence', 'ease'] as const) {
    if (p[key] !== undefined) {
      const e = checkScore(key, p[key])
      if (e) return e
    }
  }
  if (p.horizon !== undefined) {
    const e = checkDate('horizon start', p.horizon.start) ?? checkDate('horizon end', p.horizon.end)
    if (e) return e
    if (p.horizon.start && p.horizon.end && p.horizon.start > p.horizon.end)
      return 'the horizon must end after it starts'
  }
  if (p.result !== undefined && p.result !== null) {
    if (!OUTCOMES.includes(p.result.outcome)) return `outcome must be one of ${OUTCOMES.join(', ')}`
    if (typeof p.result.measuredImpact !== 'string' || typeof p.result.learning !== 'string') {
      return 'result needs measured impact and learning as text'
    }
  }
  return null
}

/** Sets a rich-text field of `record` to `text`, line by line; a missing or broken field is replaced. */
function setText(record: YRecord, key: string, text: string): void {
  const value = record.get(key)
  if (value instanceof Y.XmlFragment) setRichText(value, text)
  else record.set(key, newRichText(text))
}

function setList(card: YRecord, key: string, values: string[]): void {
  let arr = card.get(key)
  if (!(arr instanceof Y.Array)) {
    arr = new Y.Array<string>()
    card.set(key, arr)
  }
  const list = arr as Y.Array<unknown>
  // Delete what is no longer wanted (back to front), then append what is new: concurrent additions
  // by others are kept.
  const current = list.toArray()
  for (let i = current.length - 1; i >= 0; i--) {
    const v = current[i]
    if (typeof v !== 'string' || !values.includes(v) || current.indexOf(v) !== i) list.delete(i, 1)
  }
  const kept = new Set(list.toArray())
  const added = values.filter((v) => !kept.has(v))
  if (added.length) list.push(added)
}

export function updateCard(
  doc: Y.Doc,
  cardId: string,
  update: CardUpdate,
  by: string | null = null,
  origin: unknown = null,
  now: Date = new Date(),
): Result<undefined> {
  const r = roots(doc)
  const card = recordIn(r.cards, cardId)
  if (!card) return fail(`unknown card ${cardId}`)
  const current = readCard(cardId, readRecord(card, `card ${cardId}`, newRepairs()), newRepairs())

  const title = update.title === undefined ? null : cleanTitle(update.title)
  if (title && !title.ok) return title
  if (update.kind !== undefined && !CARD_KINDS.includes(update.kind))
    return fail(`kind must be one of ${CARD_KINDS.join(', ')}`)
  if (
    update.description !== undefined &&
    (typeof update.description !== 'string' || update.description.length > MAX_TEXT)
  ) {
    return fail(`description must be text of at most ${MAX_TEXT} characters`)
  }
  const kind = update.kind ?? current.kind
  if (update.status !== undefined) {
    if (!CARD_STATUSES.includes(update.status))
      return fail(`status must be one of ${CARD_STATUSES.join(', ')}`)
    const result =
      update.hypothesis?.result !== undefined ? update.hypothesis.result : current.hypothesis?.result
    const allowed = checkStatusChange(current.status, update.status, { kind, hasResult: Boolean(result) })
    if (!allowed.ok) return allowed
  }
  let tags: string[] | null = null
  if (update.tags !== undefined) {
    tags = [
      ...new Set(
        update.tags.map((t) => (typeof t === 'string' ? t.trim().replace(/\s+/g, ' ') : '')).filter(Boolean),
      ),
    ]
    if (tags.length > MAX_TAGS) return fail(`a card has at most ${MAX_TAGS} tags`)
    if (tags.some((t) => t.length > 40)) return fail('a tag has at most 40 characters')
  }
  let extraFunctions: string[] | null = null
  if (update.extraFunctions !== undefined) {
    extraFunctions = [
      ...new Set(
        update.extraFunctions.map((f) => (typeof f === 'string' ? f.trim().replace(/\s+/g, ' ') : '')),
      ),
    ].filter(Boolean)
    if (extraFunctions.some((f) => f.length > 60)) return fail('a function name must be 1–60 characters')
  }
  const board = update.parentId !== undefined || update.owners || update.kpiIds ? readBoard(doc) : null
  if (update.parentId !== undefined && update.parentId !== null) {
    const parent = board?.cards.find((c) => c.id === update.parentId)
    if (parent?.kind !== 'initiative' || parent.id === cardId)
      return fail('the parent must be an initiative on this board')
    if (kind !== 'hypothesis') return fail('only hypotheses have a parent initiative')
  }
  if (update.owners) {
    for (const [fn, personId] of Object.entries(update.owners)) {
      if (fn.trim() === '' || fn.length > 60) return fail('a function name must be 1–60 characters')
      if (personId !== null && !board?.people.some((p) => p.id === personId))
        return fail(`unknown person ${personId}`)
    }
  }
  if (update.kpiIds) {
    const known = new Set(board?.kpis.map((k) => k.id))
    const unknown = update.kpiIds.find((k) => !known.has(k))
    if (unknown !== undefined) return fail(`unknown KPI ${unknown}`)
  }
  if (update.hypothesis) {
    if (kind !== 'hypothesis') return fail('only hypotheses have an experiment plan')
    const e = checkPlan(update.hypothesis)
    if (e) return fail(e)
  }

  doc.transact(() => {
    if (title?.ok && card.get('title') !== title.value) card.set('title', title.value)
    if (update.kind !== undefined && card.get('kind') !== update.kind) card.set('kind', update.kind)
    if (kind === 'hypothesis' && !(card.get('hypothesis') instanceof Y.Map))
      card.set('hypothesis', planRecord())
    if (kind === 'initiative' && update.kind === 'initiative') card.set('parentId', null)
    if (update.description !== undefined) setText(card, 'description', update.description)
    if (update.status !== undefined && card.get('status') !== update.status) card.set('status', update.status)
    if (tags) setList(card, 'tags', tags)
    if (update.kpiIds) setList(card, 'kpiIds', [...new Set(update.kpiIds)])
    if (extraFunctions) setList(card, 'extraFunctions', extraFunctions)
    if (update.parentId !== undefined) card.set('parentId', update.parentId)
    if (update.owners) {
      let owners = card.get('owners')
      if (!(owners instanceof Y.Map)) {
        owners = new Y.Map<string>()
        card.set('owners', owners)
      }
      const map = owners as Y.Map<unknown>
      for (const [fn, personId] of Object.entries(update.owners)) {
        if (personId === null) map.delete(fn)
        else if (map.get(fn) !== personId) map.set(fn, personId)
      }
    }
    if (update.hypothesis) {
      const plan = card.get('hypothesis') as Y.Map<unknown>
      for (const [key, value] of Object.entries(update.hypothesis)) {
        if (value === undefined) continue
        if ((PLAN_TEXT_FIELDS as readonly string[]).includes(key)) setText(plan, key, value as string)
        else plan.set(key, value)
      }
    }
    card.set('updatedBy', by)
    card.set('updatedAt', now.toISOString())
  }, origin)
  return ok(undefined)
}
