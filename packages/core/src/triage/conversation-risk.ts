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

/**
 * SQL: the conversation's level by these rules, as a scalar. `$` names the parameters holding the
 * conversation's id and the values of riskParameters(); `arriving` adds the level and word-list
 * flag of a message the same statement inserts (a statement does not see its own insert).
 */
export function conversationRiskSql(
  $: { conversation: string; hours: string; imminentFlag: string; otherFlag: string; wordList: string },
  arriving?: { level: string; flagged: string },
) {
  return `(with last_fix as (
       select to_level, corrected_at from risk_correction
        where conversation_id = ${$.conversation} order by corrected_at desc limit 1),
     recent as (
       select m.risk_level, m.flagged from message m
        where m.conversation_id = ${$.conversation} and m.direction = 'inbound'
          and m.created_at > now() - make_interval(hours => ${$.hours})
          and m.created_at > coalesce((select corrected_at from last_fix), '-infinity')${
            arriving
              ? `
       union all select ${arriving.level}::text, ${arriving.flagged}::boolean`
              : ''
          }),
     levels as (
       select risk_level as level from recent where risk_level is not null
       union all
       select ${$.wordList}::text from recent where flagged
       union all
       select case f.kind when 'imminent_risk' then ${$.imminentFlag}::text else ${$.otherFlag}::text end
         from safeguarding_flag f
        where f.conversation_id = ${$.conversation}
          and f.raised_at > coalesce((select corrected_at from last_fix), '-infinity')
       union all select to_level from last_fix)
     select coalesce((select level from levels order by ${riskRank('level')} desc limit 1), 'none'))`
}

/** The values conversationRiskSql's parameters hold, in its order after the conversation's id. */
export const riskParameters = [
  RISK_WINDOW_HOURS,
  RISK_OF_FLAG.imminent_risk,
  RISK_OF_FLAG.minor_at_risk,
  RISK_OF_WORD_LIST,
] as const

export async function updateConversationRisk(
  tx: Pick<Tx, 'query'>,
  conversationId: string,
): Promise<RiskLevel> {
  const level = conversationRiskSql({
    conversation: '$1',
    hours: '$2',
    imminentFlag: '$3',
    otherFlag: '$4',
    wordList: '$5',
  })
  const { rows } = await tx.query<{ risk_level: RiskLevel }>(
    `update conversation set risk_level = ${level} where id = $1 returning risk_level`,
    [conversationId, ...riskParameters],
  )
  return rows[0]?.risk_level ?? 'none'
}
