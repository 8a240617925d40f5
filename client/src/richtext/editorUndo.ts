// Joins the editor binding's writes to the board session's undo: what y-tiptap writes carries its
// sync plugin key as origin, and (as the binding's own undo does) undoing one's typing never removes
// a paragraph or run of text that still holds someone else's words.

import { defaultDeleteFilter, defaultProtectedNodes, ySyncPluginKey } from '@tiptap/y-tiptap'
import type { BoardActions } from '../state/boardSession'

export function trackEditorTyping(actions: Pick<BoardActions, 'trackEditorTyping'>): void {
  actions.trackEditorTyping(ySyncPluginKey, (item) => defaultDeleteFilter(item, defaultProtectedNodes))
}
