// The active filter as removable chips ("Function: Sales", "Status: Running"…), in the order of the
// filter bar's menus, with the labels people read rather than ids.

import { type Board, type BoardFilter, STATUS_LABELS } from '@tideboard/shared'
import { KIND_LABELS } from '../cards/cardLabels'

export type ListFacet = 'functions' | 'owners' | 'kpis' | 'statuses' | 'kinds' | 'tags'

export type FilterChip =
  | { facet: ListFacet; value: string; label: string }
  | { facet: 'text'; value: string; label: string }

export const FACET_LABELS: Record<ListFacet, string> = {
  functions: 'Function',
  owners: 'Owner',
  kpis: 'KPI',
  statuses: 'Status',
  kinds: 'Kind',
  tags: 'Tag',
}

export function filterChips(filter: BoardFilter, board: Pick<Board, 'people' | 'kpis'>): FilterChip[] {
  const person = new Map(board.people.map((p) => [p.id, p.name]))
  const kpi = new Map(board.kpis.map((k) => [k.id, k.name]))
  const name: Record<ListFacet, (value: string) => string> = {
    functions: (v) => v,
    owners: (v) => person.get(v) ?? 'someone no longer on the board',
    kpis: (v) => kpi.get(v) ?? 'a deleted KPI',
    statuses: (v) => STATUS_LABELS[v as keyof typeof STATUS_LABELS] ?? v,
    kinds: (v) => KIND_LABELS[v as keyof typeof KIND_LABELS] ?? v,
    tags: (v) => `#${v}`,
  }
  const chips: FilterChip[] = []
  for (const facet of Object.keys(FACET_LABELS) as ListFacet[]) {
    for (const value of filter[facet]) {
      chips.push({ facet, value, label: `${FACET_LABELS[facet]}: ${name[facet](value)}` })
    }
  }
  const text = filter.text.trim()
  if (text) chips.push({ facet: 'text', value: text, label: `Text: “${text}”` })
  return chips
}

export function withoutChip(filter: BoardFilter, chip: FilterChip): BoardFilter {
  if (chip.facet === 'text') return { ...filter, text: '' }
  return { ...filter, [chip.facet]: (filter[chip.facet] as string[]).filter((v) => v !== chip.value) }
}

/** The filter with `value` switched on or off in one facet. */
export function toggleValue(filter: BoardFilter, facet: ListFacet, value: string): BoardFilter {
  const list = filter[facet] as string[]
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value]
  return { ...filter, [facet]: next }
}
