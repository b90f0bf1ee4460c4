// Raises a conversation's risk level to at least `level`, in the caller's transaction; never lowers
// it, so a word-list hit after an imminent-risk flag leaves it imminent. The caller publishes the
// conversation afterwards, as it does for the change that raised it.
import { RISK_LEVELS, type RiskLevel } from '@ascolto/protocol'
import type { Tx } from '../context.ts'

export async function raiseRiskLevel(tx: Pick<Tx, 'query'>, conversationId: string, level: RiskLevel) {
  await tx.query(
    `update conversation set risk_level = $2
      where id = $1 and array_position($3::text[], risk_level) < array_position($3::text[], $2)`,
    [conversationId, level, RISK_LEVELS],
  )
}
