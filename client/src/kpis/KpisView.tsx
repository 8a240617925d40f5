// The KPIs view: the North Star tree (department KPIs under the KPI they roll up to), each KPI with its
// progress, trend, the cards that move it and the functions sharing the credit; editors add and edit.

import { type Board, type Kpi, kpiTree } from '@tideboard/shared'
import { useMemo, useState } from 'react'
import type { BoardActions } from '../state/boardSession'
import { Dialog } from '../ui/Dialog'
import { PlusIcon, StarIcon } from '../ui/icons'
import { KpiForm } from './KpiForm'
import { KpiItem } from './KpiItem'

export interface KpisViewProps {
  board: Board
  functions: readonly string[]
  canEdit: boolean
  actions: BoardActions
  onOpenCard(cardId: string): void
}

type Editing = { kpi: Kpi | null } | null

export function KpisView({ board, functions, canEdit, actions, onOpenCard }: KpisViewProps) {
  const [editing, setEditing] = useState<Editing>(null)
  const northStarId = board.meta.northStarKpiId
  const tree = useMemo(() => kpiTree(board.kpis, northStarId), [board.kpis, northStarId])
  const editingKpi = editing?.kpi ? (board.kpis.find((k) => k.id === editing.kpi?.id) ?? null) : null

  return (
    <div className="kpis-view">
      <header className="view-header">
        <div>
          <h2 className="view-title">KPIs</h2>
          <p className="hint">
            One North Star, with each department's KPIs under it. When a KPI moves, every card linked to it
            and every function owning those cards shares the credit.
          </p>
        </div>
        {canEdit && (
          <button type="button" className="button primary" onClick={() => setEditing({ kpi: null })}>
            <PlusIcon size={14} /> Add KPI
          </button>
        )}
      </header>
      {tree.length === 0 ? (
        <div className="empty-state kpis-empty">
          <StarIcon size={28} />
          <p>
            <strong>No KPIs yet.</strong>
          </p>
          <p className="hint">
            {canEdit
              ? 'Start with the North Star: the one number that shows customer value and business impact. Then add the KPIs that roll up to it.'
              : 'The board’s editors have not added KPIs yet.'}
          </p>
          {canEdit && (
            <button type="button" className="button primary" onClick={() => setEditing({ kpi: null })}>
              <PlusIcon size={14} /> Add the North Star
            </button>
          )}
        </div>
      ) : (
        <ul className="kpi-tree" aria-label="KPI tree">
          {tree.map((node) => (
            <KpiItem
              key={node.kpi.id}
              node={node}
              kpis={board.kpis}
              cards={board.cards}
              northStarId={northStarId}
              canEdit={canEdit}
              actions={actions}
              onEdit={(kpi) => setEditing({ kpi })}
              onOpenCard={onOpenCard}
            />
          ))}
        </ul>
      )}
      {canEdit && (
        <Dialog
          open={editing !== null}
          onClose={() => setEditing(null)}
          title={editingKpi ? `Edit ${editingKpi.name}` : 'Add a KPI'}
        >
          <KpiForm
            key={editingKpi?.id ?? 'new'}
            kpi={editingKpi}
            kpis={board.kpis}
            functions={functions}
            onSave={(input) => {
              if (editingKpi) return actions.editKpi(editingKpi.id, input)
              const added = actions.addKpi(input)
              // The first KPI on a board becomes its North Star; it can be changed at any time.
              if (added.ok && northStarId === null && board.kpis.length === 0)
                actions.setNorthStar(added.value)
              return added
            }}
            onRemoveCheckIn={(date) =>
              editingKpi ? actions.removeCheckIn(editingKpi.id, date) : { ok: false, error: 'no KPI' }
            }
            onDone={() => setEditing(null)}
          />
        </Dialog>
      )}
    </div>
  )
}
