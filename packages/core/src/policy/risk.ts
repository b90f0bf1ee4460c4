// A conversation's risk level is the highest thing that raised it: a volunteer's safeguarding flag,
// the helpline's word list, later automatic triage. Nothing here lowers it: a person decides that.
import type { RiskLevel, SafeguardingKind } from '@ascolto/protocol'

/** What a volunteer's flag says of the risk: someone may die now, or a child is at risk. */
export const RISK_OF_FLAG: Record<SafeguardingKind, RiskLevel> = {
  imminent_risk: 'imminent',
  minor_at_risk: 'high',
  // a person identified in danger, being taken in now
  emergency_take_in: 'high',
}

/** A word of the helpline's list in the person's message: worth a look before the ordinary queue. */
export const RISK_OF_WORD_LIST: RiskLevel = 'medium'
