// The words the UI uses for card kinds and statuses (DOMAIN.md vocabulary), in one place.

import type { CardKind, CardStatus } from '@tideboard/shared'

export const KIND_LABELS: Record<CardKind, string> = {
  initiative: 'Initiative',
  hypothesis: 'Hypothesis',
}

export const STATUS_LABELS: Record<CardStatus, string> = {
  idea: 'Idea',
  proposed: 'Proposed',
  approved: 'Approved',
  declined: 'Declined',
  running: 'Running',
  done: 'Done',
  archived: 'Archived',
}
