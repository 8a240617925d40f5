// The three fixed phases of the customer funnel (Blank & Dorf), in board order.

export const PHASES = ['get', 'keep', 'grow'] as const
export type Phase = (typeof PHASES)[number]

export const PHASE_LABELS: Record<Phase, string> = { get: 'Get', keep: 'Keep', grow: 'Grow' }

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value)
}
