// A rich-text field shown read-only (for viewers): the same rendering as the editor, kept live by
// observing the fragment. It is built from the fragment's JSON and never bound to it, so showing a
// field can never write to the document (a viewer's write would be refused by the server).

import { type Editor, EditorContent, useEditor } from '@tiptap/react'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { useEffect } from 'react'
import type * as Y from 'yjs'
import { richTextExtensions } from './richTextSchema'

export interface RichTextViewProps {
  /** The stored field, or null to show `text` as plain paragraphs. */
  fragment: Y.XmlFragment | null
  text: string
  label: string
  compact?: boolean
}

/** The document to show: the fragment's content, or `text` one paragraph per line. */
function contentOf(fragment: Y.XmlFragment | null, text: string) {
  if (fragment) return yXmlFragmentToProsemirrorJSON(fragment)
  return {
    type: 'doc',
    content: text
      .split('\n')
      .map((line) =>
        line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] },
      ),
  }
}

/** Shows what the fragment holds; content the editor's schema does not know falls back to its text. */
function show(editor: Editor | null, fragment: Y.XmlFragment | null, text: string): void {
  if (!editor || editor.isDestroyed) return
  try {
    editor.commands.setContent(contentOf(fragment, text), { emitUpdate: false, errorOnInvalidContent: true })
  } catch {
    editor.commands.setContent(contentOf(null, text), { emitUpdate: false })
  }
}

export function RichTextView({ fragment, text, label, compact = false }: RichTextViewProps) {
  const editor = useEditor({
    editable: false,
    extensions: richTextExtensions(),
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-readonly': 'true',
        'aria-multiline': 'true',
        'aria-label': label,
        class: `rich-text-view${compact ? ' compact' : ''}`,
      },
    },
  })

  useEffect(() => {
    show(editor, fragment, text)
    if (!fragment) return
    const refresh = () => show(editor, fragment, text)
    fragment.observeDeep(refresh)
    return () => fragment.unobserveDeep(refresh)
  }, [editor, fragment, text])

  if (text.trim() === '') return <p className="hint">Nothing written yet.</p>
  return <EditorContent editor={editor} />
}
