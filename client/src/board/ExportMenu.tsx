// Download the board as a board file (JSON), a spreadsheet (CSV) or a document (Markdown).

import { useState } from 'react'
import { type ExportFormat, exportBoard } from '../api/boardsApi'
import { DownloadIcon } from '../ui/icons'

const FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'json', label: 'Board file (JSON)' },
  { format: 'csv', label: 'Spreadsheet (CSV)' },
  { format: 'md', label: 'Document (Markdown)' },
]

export function ExportMenu({ boardId, token }: { boardId: string; token: string }) {
  const [error, setError] = useState<string | null>(null)

  async function download(format: ExportFormat, menu: HTMLDetailsElement | null): Promise<void> {
    setError(null)
    const res = await exportBoard(boardId, token, format)
    if (!res.ok) {
      setError(`Export failed: ${res.error.message}`)
      return
    }
    if (menu) menu.open = false
    const url = URL.createObjectURL(res.value.blob)
    const link = document.createElement('a')
    link.href = url
    link.download = res.value.filename
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  return (
    <details className="menu">
      <summary className="button">
        <DownloadIcon /> Export
      </summary>
      <div className="menu-popover">
        {FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="menu-item"
            onClick={(e) => void download(format, e.currentTarget.closest('details'))}
          >
            {label}
          </button>
        ))}
      </div>
      {error && (
        <p className="menu-error" role="alert">
          {error}
        </p>
      )}
    </details>
  )
}
