// The funnel's shape: the three phase bands Get, Keep and Grow, each in its own colour and labelled,
// holding their stages left to right. What goes into each stage is up to the caller.

import { PHASE_LABELS, PHASES, type Phase, type Stage } from '@tideboard/shared'
import type { ReactNode } from 'react'

const PHASE_PURPOSE: Record<Phase, string> = {
  get: 'Acquire and activate customers',
  keep: 'Engage and retain them',
  grow: 'Expand revenue and win referrals',
}

export interface FunnelLayoutProps {
  stages: readonly Stage[]
  renderStage(stage: Stage): ReactNode
}

export function FunnelLayout({ stages, renderStage }: FunnelLayoutProps) {
  return (
    <div className="funnel">
      {PHASES.map((phase) => {
        const inPhase = stages.filter((s) => s.phase === phase)
        if (inPhase.length === 0) return null
        return (
          <section key={phase} className={`phase phase-${phase}`} aria-labelledby={`phase-${phase}`}>
            <header className="phase-header">
              <h2 id={`phase-${phase}`} className="phase-name">
                {PHASE_LABELS[phase]}
              </h2>
              <p className="phase-purpose">{PHASE_PURPOSE[phase]}</p>
            </header>
            <div className="phase-stages">{inPhase.map(renderStage)}</div>
          </section>
        )
      })}
    </div>
  )
}
