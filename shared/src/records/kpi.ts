// A shared KPI with dated check-ins. Department KPIs roll up to the North Star through parentId.

import { isPhase, type Phase } from './phase.js'
import {
  newRepairs,
  note,
  type Repairs,
  readEnum,
  readIsoDate,
  readNullableString,
  readNumber,
  readString,
  readStringList,
  show,
} from './read.js'

export interface CheckIn {
  date: string
  value: number
}

export interface Kpi {
  id: string
  name: string
  unit: string
  direction: 'up' | 'down'
  baseline: number | null
  target: number | null
  phase: Phase | null
  functions: string[]
  parentId: string | null
  checkIns: CheckIn[]
}

export function readCheckIns(value: unknown, path: string, repairs: Repairs): CheckIn[] {
  let list: unknown[] = []
  if (Array.isArray(value)) list = value
  else if (
    value !== null &&
    typeof value === 'object' &&
    'toArray' in value &&
    typeof value.toArray === 'function'
  ) {
    list = (value as { toArray(): unknown[] }).toArray()
  } else if (value !== undefined && value !== null) note(repairs, path, 'expected a list of check-ins')
  const out: CheckIn[] = []
  list.forEach((item, i) => {
    const raw = (item !== null && typeof item === 'object' ? item : {}) as Record<string, unknown>
    const date = readIsoDate(raw.date, `${path}[${i}].date`, repairs)
    const v = readNumber(raw.value, `${path}[${i}].value`, repairs)
    if (date === null || v === null) {
      note(repairs, `${path}[${i}]`, 'check-in without a date or value skipped')
      return
    }
    out.push({ date, value: v })
  })
  return out.sort((a, b) => a.date.localeCompare(b.date))
}

export function readKpi(id: string, raw: Record<string, unknown>, repairs: Repairs = newRepairs()): Kpi {
  const path = `kpi ${id}`
  const phase = raw.phase === undefined || raw.phase === null ? null : isPhase(raw.phase) ? raw.phase : null
  if (raw.phase !== undefined && raw.phase !== null && phase === null) {
    note(repairs, `${path}.phase`, `unknown phase ${show(raw.phase)}`)
  }
  return {
    id,
    name: readString(raw.name, 'Untitled KPI', `${path}.name`, repairs).trim() || 'Untitled KPI',
    unit: readString(raw.unit, '', `${path}.unit`, repairs),
    direction: readEnum(raw.direction, ['up', 'down'] as const, 'up', `${path}.direction`, repairs),
    baseline: readNumber(raw.baseline, `${path}.baseline`, repairs),
    target: readNumber(raw.target, `${path}.target`, repairs),
    phase,
    functions: readStringList(raw.functions, `${path}.functions`, repairs),
    parentId: readNullableString(raw.parentId, `${path}.parentId`, repairs),
    checkIns: readCheckIns(raw.checkIns, `${path}.checkIns`, repairs),
  }
}
