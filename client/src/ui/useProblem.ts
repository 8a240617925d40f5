// The error to show next to one field: set from an op's Result, cleared by the next success.

import { useCallback, useState } from 'react'
import { asSentence } from './asSentence'

export function useProblem(): [string | null, (result: { ok: boolean; error?: string }) => boolean] {
  const [problem, setProblem] = useState<string | null>(null)
  const check = useCallback((result: { ok: boolean; error?: string }) => {
    setProblem(result.ok ? null : asSentence(result.error ?? ''))
    return result.ok
  }, [])
  return [problem, check]
}
