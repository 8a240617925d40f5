// The rich text a card field can hold, shared by the editor and the read-only view so both read the
// same document shape. Paragraphs, line breaks, bold, italic, strike, underline, inline code, quotes
// and bullet or numbered lists: what a plan needs, each one a small Tiptap extension. Headings, code
// blocks, rules and links (StarterKit's heavier parts) are left out to keep the card panel light;
// pasted ones arrive as their text.

import Blockquote from '@tiptap/extension-blockquote'
import Bold from '@tiptap/extension-bold'
import Code from '@tiptap/extension-code'
import Document from '@tiptap/extension-document'
import HardBreak from '@tiptap/extension-hard-break'
import Italic from '@tiptap/extension-italic'
import { BulletList } from '@tiptap/extension-list/bullet-list'
import { ListItem } from '@tiptap/extension-list/item'
import { ListKeymap } from '@tiptap/extension-list/keymap'
import { OrderedList } from '@tiptap/extension-list/ordered-list'
import Paragraph from '@tiptap/extension-paragraph'
import Strike from '@tiptap/extension-strike'
import Text from '@tiptap/extension-text'
import Underline from '@tiptap/extension-underline'
import { Dropcursor } from '@tiptap/extensions/drop-cursor'
import { Gapcursor } from '@tiptap/extensions/gap-cursor'

export function richTextExtensions() {
  return [
    Document,
    Paragraph,
    Text,
    HardBreak,
    Bold,
    Italic,
    Strike,
    Underline,
    Code,
    Blockquote,
    BulletList,
    OrderedList,
    ListItem,
    ListKeymap,
    Dropcursor,
    Gapcursor,
  ]
}
