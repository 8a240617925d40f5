// The KPIs a card should move: editors tick them in the KPI tree (North Star first); viewers see chips.

import { type CardUpdate, type Kpi, type KpiNode, kpiTree, type Result } from '@tideboard/shared'
import { useId } from 'react'
import { FieldError } from '../ui/FieldError'
import { StarIcon } from '../ui/icons'
import { useProblem } from '../ui/useProblem'

export interface KpiLinksProps {
  kpiIds: readonly string[]
  kpis: readonly Kpi[]
  northStarId: string | null
  canEdit: boolean
  update(update: CardUpdate): Result<undefined>
  onShowKpis?: (() => void) | undefined
}

function flatten(nodes: readonly KpiNode[]): KpiNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)])
}

export function KpiLinks({ kpiIds, kpis, northStarId, canEdit, update, onShowKpis }: KpiLinksProps) {
  const id = useId()
  const [problem, check] = useProblem()
  const rows = flatten(kpiTree(kpis, northStarId))
  const linked = rows.filter((n) => kpiIds.includes(n.kpi.id))

  return (
    <section className="detail-section" aria-labelledby={`${id}-h`}>
      <div className="detail-heading-row">
        <h3 id={`${id}-h`} className="detail-heading">
          KPIs it should move
        </h3>
        {onShowKpis && (
          <button type="button" className="button ghost small" onClick={onShowKpis}>
            KPIs view
          </button>
        )}
      </div>
      {kpis.length === 0 ? (
        <p className="hint">No KPIs on this board yet{canEdit ? ': add them in the KPIs view.' : '.'}</p>
      ) : !canEdit ? (
        linked.length === 0 ? (
          <p className="hint">Not linked to a KPI yet.</p>
        ) : (
          <ul className="chip-list">
            {linked.map(({ kpi }) => (
              <li key={kpi.id} className="chip kpi-chip">
                {kpi.name}
                {kpi.id === northStarId && <span className="sr-only"> (North Star)</span>}
              </li>
            ))}
          </ul>
        )
      ) : (
        <fieldset className="kpi-picker">
          <legend className="sr-only">Linked KPIs</legend>
          {rows.map(({ kpi, depth }) => (
            <label key={kpi.id} className="kpi-option" style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>
              <input
                type="checkbox"
                checked={kpiIds.includes(kpi.id)}
                onChange={(e) =>
                  check(
                    update({
                      kpiIds: e.target.checked ? [...kpiIds, kpi.id] : kpiIds.filter((k) => k !== kpi.id),
                    }),
                  )
                }
              />
              <span className="kpi-option-name">{kpi.name}</span>
              {kpi.id === northStarId && (
                <span className="north-star-mark" title="North Star">
                  <StarIcon size={13} /> North Star
                </span>
              )}
            </label>
          ))}
        </fieldset>
      )}
      <FieldError>{problem}</FieldError>
    </section>
  )
}
