// A list of invite links, each with what the role may do and a Copy button.

import type { Role } from '../api/boardsApi'
import { CopyButton } from './CopyButton'
import { ROLE_LABELS, ROLE_POWERS } from './roleLabels'

export interface InviteLink {
  role: Role
  url: string
  /** Extra words for the label, e.g. the function a leader signs off for. */
  detail?: string
}

export function InviteLinks({ links }: { links: readonly InviteLink[] }) {
  return (
    <ul className="invite-links">
      {links.map((link) => {
        const name = `${ROLE_LABELS[link.role]}${link.detail ? ` · ${link.detail}` : ''}`
        return (
          <li key={`${link.role}:${link.url}`} className="invite-link">
            <div className="invite-link-head">
              <span className={`role-badge role-${link.role}`}>{name}</span>
              <span className="invite-link-powers">{ROLE_POWERS[link.role]}</span>
            </div>
            <div className="invite-link-row">
              <input
                className="input mono"
                readOnly
                value={link.url}
                aria-label={`${name} invite link`}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton text={link.url} label={`Copy ${name.toLowerCase()} link`} />
            </div>
          </li>
        )
      })}
    </ul>
  )
}
