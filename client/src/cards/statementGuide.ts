// The shape of a hypothesis statement (DOMAIN.md): offered as a placeholder and as a template to fill.

export const STATEMENT_GUIDE =
  'We believe [change] for [segment] will move [KPI] by [amount] within [horizon].'

export const TRIGGERS_GUIDE = 'Iterate if …; pivot if …; kill if …'
