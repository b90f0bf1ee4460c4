// A conversation's risk level: the highest of the person's messages in the last hours (triage, and
// a word of the helpline's list) and of its safeguarding flags, counting only what came after a
// volunteer's last correction, which stands until then. A flag's level never drops while the flag
// counts (conversations/raise-risk-level.ts raised it at once; this keeps it).
import type { RiskLevel } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import { RISK_OF_FLAG, RISK_OF_WORD_LIST } from '../policy/index.ts'

/** How far back the person's messages count towards the conversation's level. */
export const RISK_WINDOW_HOURS = 12

/** SQL: a level's rank, lowest first, as RISK_LEVELS orders them. */
export const riskRank = (column: string) =>
  `array_position(array['none', 'medium', 'high', 'imminent'], ${column})`

export async function updateConversationRisk(
  tx: Pick<Tx, 'query'>,
  conversationId: string,
): Promise<RiskLevel> {
  const { rows } = await tx.query<{ risk_level: RiskLevel }>(
    `with last_fix as (
       select to_level, corrected_at from risk_correction
        where conversation_id = $1 order by corrected_at desc limit 1),
     recent as (
       select m.risk_level, m.flagged from message m
        where m.conversation_id = $1 and m.direction = 'inbound'
          and m.created_at > now() - make_interval(hours => $2)
          and m.created_at > coalesce((select corrected_at from last_fix), '-infinity')),
     levels as (
       select risk_level as level from recent where risk_level is not null
       union all
       select $5::text from recent where flagged
       union all
       select case f.kind when 'imminent_risk' then $3::text else $4::text end from safeguarding_flag f
        where f.conversation_id = $1
          and f.raised_at > coalesce((select corrected_at from last_fix), '-infinity')
       union all select to_level from last_fix)
     update conversation
        set risk_level = coalesce((select level from levels order by ${riskRank('level')} desc limit 1), 'none')
      where id = $1
     returning risk_level`,
    [
      conversationId,
      RISK_WINDOW_HOURS,
      RISK_OF_FLAG.imminent_risk,
      RISK_OF_FLAG.minor_at_risk,
      RISK_OF_WORD_LIST,
    ],
  )
  return rows[0]?.risk_level ?? 'none'
}
