// One collaborative rich-text field (a card's description, a hypothesis's statement…): a Tiptap
// editor bound to the field's Y.XmlFragment, with everyone else's caret and name in their function
// colour and a small formatting toolbar. Undo goes to the board session (one stack for the whole
// board). Without the right to edit, or without a stored fragment, the text is shown read-only.

import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { Placeholder } from '@tiptap/extensions/placeholder'
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react'
import {
  type KeyboardEvent,
  type Ref,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react'
import type { BoardActions, RichTextBinding } from '../state/boardSession'
import { type CaretUser, caretAwareness } from './caretAwareness'
import { trackEditorTyping } from './editorUndo'
import { RichTextView } from './RichTextView'
import { richTextExtensions } from './richTextSchema'
import { SessionCollaboration } from './sessionCollaboration'
import '../styles/richText.css'

export type SessionUndo = Pick<BoardActions, 'undo' | 'redo' | 'trackEditorTyping'>

export interface RichTextHandle {
  /** Focuses the field and selects characters `from`–`to` of its first paragraph. */
  select(from: number, to: number): void
}

export interface RichTextFieldProps {
  /** The field's fragment and the board's awareness; null when the card has no such stored field. */
  binding: RichTextBinding | null
  /** The field's plain text, shown when there is nothing to bind to. */
  text: string
  /** The accessible name of the editable area (and of its toolbar). */
  label: string
  editable: boolean
  placeholder?: string
  /** Element id of the editable area, for labels and scripts that focus it. */
  id?: string
  /** The board session's undo: Ctrl/Cmd+Z in the field walks the same stack as everywhere else. */
  session: SessionUndo
  handle?: Ref<RichTextHandle>
  /** Fewer lines for short fields. */
  compact?: boolean
}

export function RichTextField(props: RichTextFieldProps) {
  const { binding, editable, text, label, compact = false } = props
  if (!binding || !editable) {
    return <RichTextView fragment={binding?.fragment ?? null} text={text} label={label} compact={compact} />
  }
  return <LiveEditor {...props} binding={binding} />
}

function caretElement(user: Record<string, unknown>): HTMLElement {
  const { name, cssColor } = user as unknown as CaretUser
  const caret = document.createElement('span')
  caret.className = 'rich-caret'
  caret.style.setProperty('--caret-color', cssColor)
  const tag = document.createElement('span')
  tag.className = 'rich-caret-label'
  tag.textContent = name
  caret.append(tag)
  return caret
}

function LiveEditor({
  binding,
  label,
  placeholder = '',
  id,
  session,
  handle,
  compact = false,
}: RichTextFieldProps & { binding: RichTextBinding }) {
  const { fragment, awareness } = binding
  const carets = useMemo(() => caretAwareness(awareness), [awareness])
  useEffect(() => trackEditorTyping(session), [session])
  const editor = useEditor(
    {
      extensions: [
        ...richTextExtensions(),
        Placeholder.configure({ placeholder }),
        SessionCollaboration.configure({ fragment, undo: session.undo, redo: session.redo }),
        CollaborationCaret.configure({
          provider: { awareness: carets },
          render: caretElement,
          selectionRender: (user) => ({
            class: 'rich-selection',
            style: `background-color: color-mix(in srgb, ${(user as unknown as CaretUser).cssColor} 22%, transparent)`,
          }),
        }),
      ],
      editorProps: {
        // ProseMirror swallows Escape, so the panel holding the field would not close as it does
        // from any other field: close it here.
        handleKeyDown: (view, event) => {
          const dialog = event.key === 'Escape' ? view.dom.closest('dialog') : null
          if (!dialog?.open) return false
          dialog.close()
          return true
        },
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          class: `rich-text-input input${compact ? ' compact' : ''}`,
          ...(id ? { id } : {}),
        },
      },
    },
    [fragment, carets],
  )

  useImperativeHandle(
    handle,
    () => ({
      select(from, to) {
        // Positions count from the start of the document; the first paragraph's text starts at 1.
        editor
          .chain()
          .focus()
          .setTextSelection({ from: from + 1, to: to + 1 })
          .run()
      },
    }),
    [editor],
  )

  return (
    <div className="rich-text">
      <Toolbar editor={editor} label={label} />
      <EditorContent editor={editor} />
    </div>
  )
}

const MARKS = [
  { name: 'bold', label: 'Bold', glyph: <b>B</b>, run: (e: Editor) => e.chain().focus().toggleBold().run() },
  {
    name: 'italic',
    label: 'Italic',
    glyph: <i>I</i>,
    run: (e: Editor) => e.chain().focus().toggleItalic().run(),
  },
  {
    name: 'bulletList',
    label: 'Bullet list',
    glyph: <ListIcon numbered={false} />,
    run: (e: Editor) => e.chain().focus().toggleBulletList().run(),
  },
  {
    name: 'orderedList',
    label: 'Numbered list',
    glyph: <ListIcon numbered />,
    run: (e: Editor) => e.chain().focus().toggleOrderedList().run(),
  },
] as const

/** One tab stop for the whole toolbar; arrow keys, Home and End move between its buttons. */
function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => MARKS.map((m) => e.isActive(m.name)),
  })
  const [current, setCurrent] = useState(0)
  const buttons = useRef<(HTMLButtonElement | null)[]>([])
  const onKeyDown = (e: KeyboardEvent) => {
    const last = MARKS.length - 1
    const next =
      e.key === 'ArrowRight'
        ? current === last
          ? 0
          : current + 1
        : e.key === 'ArrowLeft'
          ? current === 0
            ? last
            : current - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null
    if (next === null) return
    e.preventDefault()
    setCurrent(next)
    buttons.current[next]?.focus()
  }
  return (
    <div className="rich-toolbar" role="toolbar" aria-label={`${label} formatting`} onKeyDown={onKeyDown}>
      {MARKS.map((mark, i) => (
        <button
          key={mark.name}
          ref={(el) => {
            buttons.current[i] = el
          }}
          type="button"
          tabIndex={i === current ? 0 : -1}
          className={`rich-tool${active[i] ? ' is-active' : ''}`}
          aria-label={mark.label}
          aria-pressed={active[i] ?? false}
          title={mark.label}
          // Keeps the editor's selection: the mark applies to what was selected.
          onMouseDown={(e) => e.preventDefault()}
          onFocus={() => setCurrent(i)}
          onClick={() => mark.run(editor)}
        >
          {mark.glyph}
        </button>
      ))}
    </div>
  )
}

function ListIcon({ numbered }: { numbered: boolean }) {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      aria-hidden="true"
      focusable="false"
    >
      <path d="M9 6h11M9 12h11M9 18h11" strokeLinecap="round" />
      {numbered ? (
        <path d="M4 4.5v3M3.5 10.5h1.5l-1.5 2.5h1.5M3.5 16.5h1.5v3h-1.5M3.5 18h1.5" strokeWidth={1.4} />
      ) : (
        <>
          <circle cx={4.5} cy={6} r={1.2} fill="currentColor" stroke="none" />
          <circle cx={4.5} cy={12} r={1.2} fill="currentColor" stroke="none" />
          <circle cx={4.5} cy={18} r={1.2} fill="currentColor" stroke="none" />
        </>
      )}
    </svg>
  )
}
