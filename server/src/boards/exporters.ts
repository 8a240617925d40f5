// The CSV and Markdown exports come from @tideboard/shared. They are looked up by name so the server
// builds while shared does not export them yet; until it does, those formats answer 400.

import type { Board } from '@tideboard/shared'
import * as shared from '@tideboard/shared'

export type TextExporter = (board: Board) => string

export interface TextFormat {
  extension: string
  contentType: string
  exporter: TextExporter | null
}

function lookup(name: string): TextExporter | null {
  const value = (shared as unknown as Record<string, unknown>)[name]
  return typeof value === 'function' ? (value as TextExporter) : null
}

export const TEXT_FORMATS: Record<'csv' | 'md', TextFormat> = {
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8', exporter: lookup('exportCsv') },
  md: { extension: 'md', contentType: 'text/markdown; charset=utf-8', exporter: lookup('exportMarkdown') },
}
