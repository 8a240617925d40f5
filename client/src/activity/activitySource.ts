// Where activity comes from for one open board: the REST feed, plus a signal when the board changed
// (any document update), so feeds can refetch shortly after others' edits land.

import { type ActivityPage, type ActivityQuery, getActivity } from '../api/activityApi'
import type { ApiResult } from '../api/boardsApi'

export interface ActivitySource {
  load(query: ActivityQuery): Promise<ApiResult<ActivityPage>>
  /** Calls `listener` after each change to the board; returns the unsubscribe. */
  onBoardChange(listener: () => void): () => void
}

export function activitySource(
  boardId: string,
  token: string,
  doc: { on(event: 'update', f: () => void): void; off(event: 'update', f: () => void): void },
): ActivitySource {
  return {
    load: (query) => getActivity(boardId, token, query),
    onBoardChange(listener) {
      doc.on('update', listener)
      return () => doc.off('update', listener)
    },
  }
}
