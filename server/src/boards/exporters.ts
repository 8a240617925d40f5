// The human-readable export formats: CSV for spreadsheets and a Markdown planning readout, both
// rendered by @tideboard/shared from the validated board.

import { type Board, exportCsv, exportMarkdown } from '@tideboard/shared'

export interface TextFormat {
  extension: string
  contentType: string
  exporter: (board: Board) => string
}

export const TEXT_FORMATS: Record<'csv' | 'md', TextFormat> = {
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8', exporter: exportCsv },
  md: { extension: 'md', contentType: 'text/markdown; charset=utf-8', exporter: exportMarkdown },
}
