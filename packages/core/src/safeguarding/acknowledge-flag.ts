import type { FlagView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { type Actor, type AfterCommit, helplineIdsOf, type Services, type Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { loadFlagAlerts, loadFlagViews } from './flag-views.ts'

/** The flag that belongs to the actor's helplines, locked; outside them: "not found". */
export async function findFlagForActor(tx: Tx, actor: Actor, flagId: string) {
  const { rows } = await tx.query<{
    helpline_id: string
    conversation_id: string
    acknowledged_at: Date | null
  }>(
    `select helpline_id, conversation_id, acknowledged_at from safeguarding_flag
      where id = $1 and helpline_id = any($2::uuid[]) for update`,
    [flagId, helplineIdsOf(actor)],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Flag not found')
  return rows[0]
}

/** A supervisor takes charge of a flag: the alerting stops on every console. The first one counts. */
export async function acknowledgeFlag(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  flagId: string,
): Promise<FlagView> {
  const found = await findFlagForActor(tx, actor, flagId)
  requireRole(actor, found.helpline_id, 'supervisor')
  const helplineIds = [found.helpline_id]
  if (!found.acknowledged_at) {
    await tx.query(
      'update safeguarding_flag set acknowledged_by = $2, acknowledged_at = now() where id = $1',
      [flagId, actor.userId],
    )
    await recordAuditEvent(tx, {
      helplineId: found.helpline_id,
      actorId: actor.userId,
      action: 'safeguarding.acknowledge',
      subjectType: 'conversation',
      subjectId: found.conversation_id,
      details: { flagId },
    })
    const [alert] = await loadFlagAlerts(tx, { helplineIds, ids: [flagId] })
    const conversation = await loadConversationView(tx, services.keyring, helplineIds, found.conversation_id)
    afterCommit(() => {
      if (alert) services.publisher.toConsoles(found.helpline_id, 'flag.updated', alert)
      if (conversation) services.publisher.toConsoles(found.helpline_id, 'conversation.updated', conversation)
    })
  }
  const [flag] = await loadFlagViews(tx, services.keyring, { helplineIds, ids: [flagId] })
  if (!flag) throw new Error('Flag vanished while acknowledging it')
  return flag
}
