// The KPI registry: add, edit and delete KPIs, record dated check-ins, choose the North Star.
// Parent links are checked so the KPI tree never gets a cycle from this client.

import * as Y from 'yjs'
import { readBoard } from '../board.js'
import type { Kpi } from '../records/kpi.js'
import { isPhase } from '../records/phase.js'
import { fail, ok, type Result } from '../result.js'
import { kpiSubtree } from '../rollup.js'
import { recordIn, roots, yRecord } from '../schema.js'
import { newId } from './newId.js'

export type KpiInput = Partial<Omit<Kpi, 'id' | 'checkIns'>>

function check(doc: Y.Doc, id: string | null, input: KpiInput): string | null {
  if (
    input.name !== undefined &&
    (typeof input.name !== 'string' || !input.name.trim() || input.name.length > 120)
  ) {
    return 'a KPI name must be 1–120 characters'
  }
  if (input.unit !== undefined && (typeof input.unit !== 'string' || input.unit.length > 30))
    return 'a unit has at most 30 characters'
  if (input.direction !== undefined && input.direction !== 'up' && input.direction !== 'down')
    return 'direction must be up or down'
  for (const key of ['baseline', 'target'] as const) {
    const v = input[key]
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v)))
      return `${key} must be a number`
  }
  if (input.phase !== undefined && input.phase !== null && !isPhase(input.phase))
    return 'phase must be get, keep or grow'
  if (
    input.functions !== undefined &&
    (!Array.isArray(input.functions) || input.functions.some((f) => typeof f !== 'string' || !f.trim()))
  ) {
    return 'functions must be a list of names'
  }
  if (input.parentId !== undefined && input.parentId !== null) {
    const kpis = readBoard(doc).kpis
    if (!kpis.some((k) => k.id === input.parentId)) return `unknown KPI ${input.parentId}`
    if (id !== null && kpiSubtree(kpis, id).has(input.parentId))
      return 'a KPI cannot roll up into itself or a KPI below it'
  }
  return null
}

function write(map: Y.Map<unknown>, input: KpiInput): void {
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    if (key === 'functions') {
      const list = new Y.Array<string>()
      list.push([...new Set(value as string[])].map((f) => f.trim()))
      map.set(key, list)
    } else if (key === 'name') map.set(key, (value as string).trim())
    else map.set(key, value)
  }
}

export function addKpi(
  doc: Y.Doc,
  input: KpiInput & { name: string },
  origin: unknown = null,
  id: string = newId(),
): Result<string> {
  const e = check(doc, null, input)
  if (e) return fail(e)
  const { kpis } = roots(doc)
  if (kpis.has(id)) return fail(`KPI ${id} already exists`)
  doc.transact(() => {
    const map = yRecord({
      unit: '',
      direction: 'up',
      baseline: null,
      target: null,
      phase: null,
      parentId: null,
      checkIns: new Y.Array<unknown>(),
    })
    write(map, { functions: [], ...input })
    kpis.set(id, map)
  }, origin)
  return ok(id)
}

export function editKpi(doc: Y.Doc, id: string, input: KpiInput, origin: unknown = null): Result<undefined> {
  const map = recordIn(roots(doc).kpis, id)
  if (!map) return fail(`unknown KPI ${id}`)
  const e = check(doc, id, input)
  if (e) return fail(e)
  doc.transact(() => write(map, input), origin)
  return ok(undefined)
}

/** Records the KPI's value on a date; a second check-in on the same date replaces the first. */
export function addCheckIn(
  doc: Y.Doc,
  id: string,
  date: string,
  value: number,
  origin: unknown = null,
): Result<undefined> {
  const map = recordIn(roots(doc).kpis, id)
  if (!map) return fail(`unknown KPI ${id}`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
    return fail('a check-in needs a date (YYYY-MM-DD)')
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail('a check-in needs a number')
  doc.transact(() => {
    let list = map.get('checkIns')
    if (!(list instanceof Y.Array)) {
      list = new Y.Array<unknown>()
      map.set('checkIns', list)
    }
    const arr = list as Y.Array<unknown>
    const items = arr.toArray()
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i] as { date?: unknown } | null
      if (item && typeof item === 'object' && item.date === date) arr.delete(i, 1)
    }
    arr.push([{ date, value }])
  }, origin)
  return ok(undefined)
}

export function removeCheckIn(
  doc: Y.Doc,
  id: string,
  date: string,
  origin: unknown = null,
): Result<undefined> {
  const map = recordIn(roots(doc).kpis, id)
  if (!map) return fail(`unknown KPI ${id}`)
  const list = map.get('checkIns')
  if (!(list instanceof Y.Array)) return fail(`no check-in on ${date}`)
  const index = list.toArray().findIndex((c) => (c as { date?: unknown } | null)?.date === date)
  if (index < 0) return fail(`no check-in on ${date}`)
  doc.transact(() => list.delete(index, 1), origin)
  return ok(undefined)
}

/** Deletes a KPI: its children roll up to its parent, cards lose the link, the North Star is cleared. */
export function deleteKpi(doc: Y.Doc, id: string, origin: unknown = null): Result<undefined> {
  const r = roots(doc)
  const map = recordIn(r.kpis, id)
  if (!map) return fail(`unknown KPI ${id}`)
  const parentId = typeof map.get('parentId') === 'string' ? map.get('parentId') : null
  doc.transact(() => {
    r.kpis.delete(id)
    r.kpis.forEach((k) => {
      if (k instanceof Y.Map && k.get('parentId') === id) k.set('parentId', parentId)
    })
    r.cards.forEach((card) => {
      if (!(card instanceof Y.Map)) return
      const list = card.get('kpiIds')
      if (!(list instanceof Y.Array)) return
      const items = list.toArray()
      for (let i = items.length - 1; i >= 0; i--) if (items[i] === id) list.delete(i, 1)
    })
    if (r.meta.get('northStarKpiId') === id) r.meta.set('northStarKpiId', null)
  }, origin)
  return ok(undefined)
}

export function setNorthStar(doc: Y.Doc, id: string | null, origin: unknown = null): Result<undefined> {
  const r = roots(doc)
  if (id !== null && !recordIn(r.kpis, id)) return fail(`unknown KPI ${id}`)
  doc.transact(() => r.meta.set('northStarKpiId', id), origin)
  return ok(undefined)
}
