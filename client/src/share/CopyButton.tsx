// A "Copy" button that says "Copied" for a moment (announced politely), or asks to copy by hand.

import { useEffect, useState } from 'react'
import { CheckIcon, CopyIcon } from '../ui/icons'
import { copyText } from './copyText'

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')

  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2500)
    return () => clearTimeout(timer)
  }, [state])

  return (
    <>
      <button
        type="button"
        className="button small"
        aria-label={label}
        onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
      >
        {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="sr-only" role="status">
        {state === 'copied'
          ? 'Link copied'
          : state === 'failed'
            ? 'Could not copy; select the link and copy it'
            : ''}
      </span>
    </>
  )
}
