// The board's filter bar: free text, a menu per facet (function, owner, KPI, status, kind, tag),
// the active filters as removable chips, dim-or-hide for cards that do not match, the match count
// and "Clear filters". Every change lands in the URL at once.

import {
  type Board,
  type BoardFilter,
  CARD_KINDS,
  CARD_STATUSES,
  EMPTY_FILTER,
  isFilterActive,
  type KpiNode,
  kpiTree,
  STATUS_LABELS,
} from '@tideboard/shared'
import { type ReactNode, useId, useMemo } from 'react'
import { KIND_LABELS } from '../cards/cardLabels'
import { FunctionTag } from '../people/FunctionTag'
import { Popover } from '../ui/Popover'
import { FACET_LABELS, filterChips, type ListFacet, toggleValue, withoutChip } from './filterChips'

export interface FilterBarProps {
  board: Board
  functions: readonly string[]
  filter: BoardFilter
  onChange(next: BoardFilter): void
  matching: number
  total: number
  /** Whether dim/hide applies (the board); the list always shows only matching cards. */
  showHideToggle: boolean
}

interface Option {
  value: string
  label: ReactNode
  depth?: number
}

function flatten(nodes: readonly KpiNode[]): KpiNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)])
}

export function FilterBar({
  board,
  functions,
  filter,
  onChange,
  matching,
  total,
  showHideToggle,
}: FilterBarProps) {
  const id = useId()
  const active = isFilterActive(filter)
  const chips = filterChips(filter, board)
  const options = useMemo((): Record<ListFacet, Option[]> => {
    const tags = [...new Set(board.cards.flatMap((c) => c.tags))].sort()
    return {
      functions: functions.map((fn) => ({ value: fn, label: <FunctionTag fn={fn} /> })),
      owners: board.people.map((p) => ({ value: p.id, label: `${p.name} (${p.function})` })),
      kpis: flatten(kpiTree(board.kpis, board.meta.northStarKpiId)).map((n) => ({
        value: n.kpi.id,
        label: n.kpi.name,
        depth: n.depth,
      })),
      statuses: CARD_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
      kinds: CARD_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })),
      tags: tags.map((t) => ({ value: t, label: `#${t}` })),
    }
  }, [board.cards, board.people, board.kpis, board.meta.northStarKpiId, functions])

  return (
    <search className="filter-bar" aria-label="Filter cards">
      <div className="filter-row">
        <label className="filter-search">
          <span className="sr-only">Find cards</span>
          <input
            type="search"
            className="input"
            placeholder="Find cards…"
            value={filter.text}
            maxLength={200}
            onChange={(e) => onChange({ ...filter, text: e.target.value })}
          />
        </label>
        {(Object.keys(FACET_LABELS) as ListFacet[]).map((facet) => {
          const selected = filter[facet] as string[]
          return (
            <Popover
              key={facet}
              className="facet-menu"
              summaryClassName={`button small${selected.length ? ' is-active' : ''}`}
              summary={
                <>
                  {FACET_LABELS[facet]}
                  {selected.length > 0 && <span className="facet-count">{selected.length}</span>}
                  <span aria-hidden="true" className="caret">
                    ▾
                  </span>
                </>
              }
            >
              <fieldset className="facet-options">
                <legend className="sr-only">Filter by {FACET_LABELS[facet].toLowerCase()}</legend>
                {options[facet].length === 0 ? (
                  <p className="hint facet-empty">Nothing to filter by yet.</p>
                ) : (
                  options[facet].map((o) => (
                    <label
                      key={o.value}
                      className="facet-option"
                      style={o.depth ? { paddingLeft: `${0.6 + o.depth}rem` } : undefined}
                    >
                      <input
                        type="checkbox"
                        checked={selected.includes(o.value)}
                        onChange={() => onChange(toggleValue(filter, facet, o.value))}
                      />
                      {o.label}
                    </label>
                  ))
                )}
              </fieldset>
            </Popover>
          )
        })}
        {showHideToggle && (
          <fieldset className="segmented small dim-toggle">
            <legend className="sr-only">Cards that do not match</legend>
            {[
              { hide: false, label: 'Dim others' },
              { hide: true, label: 'Hide others' },
            ].map((o) => (
              <label key={o.label} className={`segment${filter.hide === o.hide ? ' is-selected' : ''}`}>
                <input
                  type="radio"
                  name={`${id}-hide`}
                  checked={filter.hide === o.hide}
                  onChange={() => onChange({ ...filter, hide: o.hide })}
                />
                {o.label}
              </label>
            ))}
          </fieldset>
        )}
        <p className="filter-count" role="status">
          {active ? (
            <>
              <strong>{matching}</strong> of {total} cards match
            </>
          ) : (
            `${total} ${total === 1 ? 'card' : 'cards'}`
          )}
        </p>
        {active && (
          <button
            type="button"
            className="button ghost small"
            onClick={() => onChange({ ...EMPTY_FILTER, hide: filter.hide })}
          >
            Clear filters
          </button>
        )}
      </div>
      {chips.length > 0 && (
        <ul className="chip-list filter-chips" aria-label="Active filters">
          {chips.map((chip) => (
            <li key={`${chip.facet}:${chip.value}`} className="chip filter-chip">
              {chip.label}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove filter ${chip.label}`}
                onClick={() => onChange(withoutChip(filter, chip))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </search>
  )
}
