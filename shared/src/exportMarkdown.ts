// A planning readout of the board in Markdown: the North Star, then every card grouped by phase and
// stage, with owners, KPIs and, for hypotheses, the plan and result. For sharing outside Tideboard.

import type { Board } from './board.js'
import { ownerLabels } from './cardOwners.js'
import { iceScore } from './ice.js'
import type { Card } from './records/card.js'
import type { Kpi } from './records/kpi.js'
import { PHASE_LABELS, PHASES } from './records/phase.js'
import { STATUS_LABELS } from './status.js'

/**
 * User text on one line with Markdown's inline syntax escaped, so a title like "*new* <b>" reads as
 * typed and cannot inject HTML or links into the readout.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|#~]/g, (ch) => `\\${ch}`)
}

function withUnit(value: number, unit: string): string {
  if (unit === '') return String(value)
  return unit === '%' ? `${value}%` : `${value} ${unit}`
}

function northStarLine(board: Board): string {
  const kpi = board.kpis.find((k) => k.id === board.meta.northStarKpiId)
  if (!kpi) return '**North Star:** not set'
  const parts: string[] = []
  const latest = kpi.checkIns.at(-1)
  parts.push(latest ? `latest ${withUnit(latest.value, kpi.unit)} on ${latest.date}` : 'no check-ins yet')
  if (kpi.target !== null) parts.push(`target ${withUnit(kpi.target, kpi.unit)}`)
  if (kpi.baseline !== null) parts.push(`baseline ${withUnit(kpi.baseline, kpi.unit)}`)
  return `**North Star:** ${markdownText(kpi.name)} (${markdownText(parts.join(', '))})`
}

function cardLines(board: Board, card: Card, kpis: Map<string, Kpi>, titles: Map<string, string>): string[] {
  const kind = card.kind === 'hypothesis' ? 'Hypothesis' : 'Initiative'
  const lines = [`- **${markdownText(card.title)}** (${kind}, ${STATUS_LABELS[card.status]})`]
  const detail = (label: string, value: string) => {
    if (value !== '') lines.push(`  - ${label}: ${value}`)
  }
  detail('Owners', ownerLabels(board, card).map(markdownText).join('; ') || 'none yet')
  detail('KPIs', card.kpiIds.map((id) => markdownText(kpis.get(id)?.name ?? id)).join('; ') || 'none linked')
  detail('Tags', card.tags.map(markdownText).join(', '))
  if (card.parentId !== null) detail('Part of', markdownText(titles.get(card.parentId) ?? card.parentId))
  const plan = card.hypothesis
  if (plan) {
    detail('Statement', markdownText(plan.statement))
    detail('Expected impact', markdownText(plan.expectedImpact))
    const ice = iceScore(plan)
    detail(
      'ICE',
      ice === null
        ? 'not scored'
        : `${ice} (impact ${plan.impact} × confidence ${plan.confidence} × ease ${plan.ease})`,
    )
    const { start, end } = plan.horizon
    if (start !== null || end !== null) detail('Horizon', `${start ?? '?'} to ${end ?? '?'}`)
    detail('Triggers', markdownText(plan.triggers))
    const r = plan.result
    if (r) {
      const measured = r.measuredImpact === '' ? '' : `, measured ${markdownText(r.measuredImpact)}`
      const learning = r.learning === '' ? '' : `. Learning: ${markdownText(r.learning)}`
      detail('Result', `${r.outcome}${measured}${learning}`)
    } else {
      detail('Result', 'none yet')
    }
  }
  return lines
}

export function exportMarkdown(board: Board): string {
  const kpis = new Map(board.kpis.map((k) => [k.id, k]))
  const titles = new Map(board.cards.map((c) => [c.id, c.title]))
  const out: string[] = [`# ${markdownText(board.meta.title)}`, '']
  if (board.meta.description.trim() !== '') out.push(markdownText(board.meta.description), '')
  out.push(northStarLine(board), '')
  for (const phase of PHASES) {
    out.push(`## ${PHASE_LABELS[phase]}`, '')
    const stages = board.stages.filter((s) => s.phase === phase)
    if (stages.length === 0) out.push('_No stages._', '')
    for (const stage of stages) {
      out.push(`### ${markdownText(stage.name)}`, '')
      const cards = board.cardsByStage[stage.id] ?? []
      if (cards.length === 0) out.push('_No cards._')
      for (const card of cards) out.push(...cardLines(board, card, kpis, titles))
      out.push('')
    }
  }
  return `${out.join('\n').trimEnd()}\n`
}
