// Tiptap's Collaboration extension bound to a field's fragment, with undo going to the board
// session's one undo manager instead of a manager of its own per editor: Ctrl/Cmd+Z in a field and
// outside it, and the Undo button, all walk the same stack of this user's own edits. The session's
// manager tracks the binding's writes (origin ySyncPluginKey); the binding's own undo plugin is left
// out because it would destroy a shared manager when its editor goes away.

import Collaboration, { type CollaborationOptions } from '@tiptap/extension-collaboration'
import { ySyncPlugin } from '@tiptap/y-tiptap'

export interface SessionCollaborationOptions extends CollaborationOptions {
  /** The session's undo and redo. */
  undo: () => void
  redo: () => void
}

export const SessionCollaboration = Collaboration.extend<SessionCollaborationOptions>({
  addOptions() {
    return {
      ...(this.parent?.() as CollaborationOptions),
      undo: () => {},
      redo: () => {},
    }
  },

  addCommands() {
    const step = (run: () => void) => () => () => {
      run()
      return true
    }
    return { undo: step(() => this.options.undo()), redo: step(() => this.options.redo()) }
  },

  addKeyboardShortcuts() {
    return {
      'Mod-z': () => this.editor.commands.undo(),
      'Shift-Mod-z': () => this.editor.commands.redo(),
      'Mod-y': () => this.editor.commands.redo(),
    }
  },

  addProseMirrorPlugins() {
    const { fragment } = this.options
    if (!fragment) throw new Error('SessionCollaboration needs the field’s fragment')
    return [ySyncPlugin(fragment, this.options.ySyncOptions ?? {})]
  },
})
