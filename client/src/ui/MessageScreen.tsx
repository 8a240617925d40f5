// A full-page message: loading, "you need an invite link", access errors. Always offers a way on.

import type { ReactNode } from 'react'
import { Logo } from './Logo'

export interface MessageScreenProps {
  title: string
  children?: ReactNode
  actions?: ReactNode
  tone?: 'info' | 'error' | 'loading'
}

export function MessageScreen({ title, children, actions, tone = 'info' }: MessageScreenProps) {
  return (
    <main className={`message-screen tone-${tone}`}>
      <div className="message-card" role={tone === 'loading' ? 'status' : undefined}>
        <Logo />
        {tone === 'loading' && <span className="spinner" aria-hidden="true" />}
        <h1>{title}</h1>
        {children}
        {actions && <div className="message-actions">{actions}</div>}
      </div>
    </main>
  )
}
