// Why a board cannot be opened (bad or revoked link, no access, unknown board, refused connection),
// in plain words, with a way back and, where it helps, a way to forget the board or try again.

import { Link } from '../app/Link'
import { navigate } from '../app/route'
import { findJoinedBoard, forgetBoard } from '../state/joinedBoards'
import type { ConnectionFailure } from '../sync/connectBoard'
import { MessageScreen } from '../ui/MessageScreen'

const FAILURE_TITLES: Record<ConnectionFailure['kind'], string> = {
  unauthorized: 'This invite link does not work',
  forbidden: 'You do not have access to this',
  revoked: 'Your access to this board was removed',
  notFound: 'Board not found',
  rejected: 'The connection was closed',
}

export function AccessProblem({
  boardId,
  failure,
  onRetry,
}: {
  boardId: string
  failure: { kind: ConnectionFailure['kind']; message: string }
  onRetry?: () => void
}) {
  return (
    <MessageScreen tone="error" title={FAILURE_TITLES[failure.kind]}>
      <p>{failure.message}</p>
      {(failure.kind === 'unauthorized' || failure.kind === 'revoked') && (
        <p>If you still need it, ask the board's owner for a new invite link and open it in this browser.</p>
      )}
      <div className="message-actions">
        <Link to="/" className="button primary">
          Back to your boards
        </Link>
        {onRetry && failure.kind === 'rejected' && (
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        )}
        {failure.kind !== 'rejected' && findJoinedBoard(boardId) && (
          <button
            type="button"
            className="button ghost"
            onClick={() => {
              forgetBoard(boardId)
              navigate('/')
            }}
          >
            Forget this board
          </button>
        )}
      </div>
    </MessageScreen>
  )
}
