// A stage is a column inside one funnel phase; teams name and order them. Default stages have
// stable ids so that two servers or clients creating them at once converge on one set.

import { isPhase, type Phase } from './phase.js'
import { newRepairs, note, type Repairs, readString, show } from './read.js'

export interface Stage {
  id: string
  phase: Phase
  name: string
  /** Fractional order key among the stages of the same phase. */
  order: string
}

export const DEFAULT_STAGES: readonly Omit<Stage, 'order'>[] = [
  { id: 'acquire', phase: 'get', name: 'Acquire' },
  { id: 'activate', phase: 'get', name: 'Activate' },
  { id: 'engage', phase: 'keep', name: 'Engage' },
  { id: 'retain', phase: 'keep', name: 'Retain' },
  { id: 'expand', phase: 'grow', name: 'Expand' },
  { id: 'refer', phase: 'grow', name: 'Refer' },
]

/** Reads one stage entry; returns null when it cannot be placed on the board at all. */
export function readStage(
  id: string,
  raw: Record<string, unknown>,
  repairs: Repairs = newRepairs(),
): Stage | null {
  const path = `stage ${id}`
  if (!isPhase(raw.phase)) {
    note(repairs, `${path}.phase`, `unknown phase ${show(raw.phase)}; stage skipped`)
    return null
  }
  return {
    id,
    phase: raw.phase,
    name: readString(raw.name, id, `${path}.name`, repairs).trim() || id,
    order: readString(raw.order, 'a0', `${path}.order`, repairs),
  }
}
