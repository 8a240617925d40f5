// An error shown right under the field it is about, announced when it appears.

export function FieldError({ id, children }: { id?: string; children: string | null }) {
  if (!children) return null
  return (
    <p id={id} className="field-error" role="alert">
      {children}
    </p>
  )
}
