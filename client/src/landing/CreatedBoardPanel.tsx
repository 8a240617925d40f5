// After creating or importing a board: its three invite links and a way in as its owner.

import type { CreatedBoard } from '../api/boardsApi'
import { navigate } from '../app/route'
import { InviteLinks } from '../share/InviteLinks'
import { rememberBoard } from '../state/joinedBoards'

export function CreatedBoardPanel({ board, onDone }: { board: CreatedBoard; onDone(): void }) {
  return (
    <section className="panel created-board" aria-labelledby="created-board-title">
      <h2 id="created-board-title" className="panel-title">
        “{board.title}” is ready
      </h2>
      <p className="hint">
        Share these links. Each one lets people in with its role. The owner link gives full control: keep it
        for yourself.
      </p>
      <InviteLinks
        links={[
          { role: 'owner', url: board.urls.owner },
          { role: 'member', url: board.urls.member },
          { role: 'viewer', url: board.urls.viewer },
        ]}
      />
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          onClick={() => {
            rememberBoard({ id: board.id, token: board.invites.owner, role: 'owner', title: board.title })
            navigate(`/b/${encodeURIComponent(board.id)}`)
          }}
        >
          Open board as owner
        </button>
        <button type="button" className="button ghost" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  )
}
