// "Card deleted — Undo": offered while the deletion is still this user's newest edit.

export interface UndoToastProps {
  message: string
  onUndo(): void
  onDismiss(): void
}

export function UndoToast({ message, onUndo, onDismiss }: UndoToastProps) {
  return (
    <div className="toast" role="status">
      <span>{message}</span>
      <button type="button" className="toast-action" aria-label="Undo delete" onClick={onUndo}>
        Undo
      </button>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={onDismiss}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  )
}
