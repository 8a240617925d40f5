// The name of a focused form field as the person sees it ("Description", "Status"), for the line
// that tells others what someone is editing; null when the element is not a field one types or picks in.

const NOT_FIELDS = new Set(['button', 'submit', 'reset', 'hidden', 'image', 'file'])
const MAX = 60

function clean(text: string | null | undefined): string | null {
  const t = (text ?? '').replace(/\s+/g, ' ').trim()
  if (t === '') return null
  return t.length > MAX ? `${t.slice(0, MAX - 1)}…` : t
}

function isField(el: HTMLElement): boolean {
  if (el.isContentEditable) return true
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true
  return el instanceof HTMLInputElement && !NOT_FIELDS.has(el.type)
}

export function fieldName(target: EventTarget | null): string | null {
  if (!(target instanceof HTMLElement) || !isField(target)) return null
  // A choice among radios or checkboxes is named by its group, not by the option.
  if (target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox')) {
    const legend = clean(target.closest('fieldset')?.querySelector('legend')?.textContent)
    if (legend) return legend
  }
  const labelledBy = target.getAttribute('aria-labelledby')
  const byIds = labelledBy
    ? labelledBy
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
    : null
  const labels = 'labels' in target ? (target as HTMLInputElement).labels : null
  return (
    clean(target.getAttribute('aria-label')) ??
    clean(byIds) ??
    clean(labels?.[0]?.textContent) ??
    clean(target.getAttribute('placeholder')) ??
    'a field'
  )
}
