// The order of risk levels, as the server's queue orders them (imminent first). Restated here
// because the console takes only types from the protocol package; `satisfies` keeps it whole.
import type { RiskLevel } from '@ascolto/protocol'

export const RISK_RANK = { none: 0, medium: 1, high: 2, imminent: 3 } as const satisfies Record<
  RiskLevel,
  number
>

/** Highest risk first: a comparator for lists of anything with a risk level. */
export const byRisk = (a: { riskLevel: RiskLevel }, b: { riskLevel: RiskLevel }) =>
  RISK_RANK[b.riskLevel] - RISK_RANK[a.riskLevel]
