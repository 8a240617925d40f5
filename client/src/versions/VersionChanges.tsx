// "Changes since this version": what diffBoards finds between a saved version and the live board,
// one line per change with its kind spelled out (never colour alone), card titles and stage names.

import type { Board, BoardDiff } from '@tideboard/shared'
import { useId } from 'react'
import { changeLines } from './changeLines'

export function VersionChanges({ diff, saved, live }: { diff: BoardDiff; saved: Board; live: Board }) {
  const headingId = useId()
  const lines = changeLines(diff, saved, live)
  return (
    <section className="panel version-changes" aria-labelledby={headingId}>
      <h3 id={headingId} className="panel-title">
        Changes since this version
      </h3>
      {lines.length === 0 ? (
        <p className="hint">Nothing on the board has changed since this version.</p>
      ) : (
        <ul className="change-list" aria-labelledby={headingId}>
          {lines.map((line) => (
            <li key={line.key} className="change-row">
              <span className={`change-kind change-${line.kind.toLowerCase().replace(/\s+/g, '-')}`}>
                {line.kind}
              </span>{' '}
              <span className="change-text">{line.text}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
