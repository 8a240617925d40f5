// KPI roll-up and shared credit. A KPI's movement is credited to every card linked to it or to a KPI
// below it, and to every function owning those cards; a card linked at several levels counts once.
// Nothing here ranks one function's contribution above another's.

import type { Card } from './records/card.js'
import type { Kpi } from './records/kpi.js'

export interface KpiNode {
  kpi: Kpi
  children: KpiNode[]
  depth: number
}

/** KPIs as a forest (roots first; the North Star leads when given). Expects a repaired tree (readBoard). */
export function kpiTree(kpis: readonly Kpi[], northStarId: string | null = null): KpiNode[] {
  const byParent = new Map<string | null, Kpi[]>()
  for (const k of kpis) {
    const list = byParent.get(k.parentId) ?? []
    list.push(k)
    byParent.set(k.parentId, list)
  }
  const build = (k: Kpi, depth: number, seen: Set<string>): KpiNode => {
    seen.add(k.id)
    const children = (byParent.get(k.id) ?? [])
      .filter((c) => !seen.has(c.id))
      .map((c) => build(c, depth + 1, seen))
    return { kpi: k, children, depth }
  }
  const roots = [...(byParent.get(null) ?? [])].sort((a, b) =>
    a.id === northStarId ? -1 : b.id === northStarId ? 1 : a.name.localeCompare(b.name),
  )
  const seen = new Set<string>()
  return roots.map((k) => build(k, 0, seen))
}

/** The KPI and every KPI below it. */
export function kpiSubtree(kpis: readonly Kpi[], rootId: string): Set<string> {
  const out = new Set<string>([rootId])
  let grew = true
  while (grew) {
    grew = false
    for (const k of kpis) {
      if (k.parentId !== null && out.has(k.parentId) && !out.has(k.id)) {
        out.add(k.id)
        grew = true
      }
    }
  }
  return out
}

export interface KpiCredit {
  /** Cards credited with this KPI's movement, each once, in board order. */
  cards: Card[]
  /** Cards linked to this KPI itself. */
  directCards: Card[]
  /** Functions sharing the credit: owners of the credited cards plus the KPI's own functions. */
  functions: string[]
}

export function kpiCredit(kpis: readonly Kpi[], cards: readonly Card[], kpiId: string): KpiCredit {
  const subtree = kpiSubtree(kpis, kpiId)
  const credited = cards.filter((c) => c.status !== 'archived' && c.kpiIds.some((k) => subtree.has(k)))
  const direct = credited.filter((c) => c.kpiIds.includes(kpiId))
  const functions = new Set<string>(kpis.find((k) => k.id === kpiId)?.functions ?? [])
  for (const c of credited) for (const fn of Object.keys(c.owners)) functions.add(fn)
  return { cards: credited, directCards: direct, functions: [...functions].sort() }
}

export interface KpiProgress {
  current: number | null
  /** Share of the way from baseline to target, 0–1 (clamped); null without baseline and target. */
  progress: number | null
  /** Whether the latest value moved the right way from the baseline. */
  onTrack: boolean | null
}

export function kpiProgress(kpi: Kpi): KpiProgress {
  const latest = kpi.checkIns.at(-1)?.value ?? null
  const current = latest ?? kpi.baseline
  if (current === null || kpi.baseline === null || kpi.target === null || kpi.target === kpi.baseline) {
    return { current, progress: null, onTrack: null }
  }
  const raw = (current - kpi.baseline) / (kpi.target - kpi.baseline)
  return { current, progress: Math.max(0, Math.min(1, raw)), onTrack: raw >= 0 }
}
