import type { FlagView, TickStepBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { contactSealer } from '../contacts/contact-keys.ts'
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { findFlagForActor } from './acknowledge-flag.ts'
import { loadFlagViews } from './flag-views.ts'

/** One step of the helpline's escalation playbook done: when, by whom, and whom they contacted. */
export async function tickPlaybookStep(
  { tx, services }: { tx: Tx; services: Services },
  actor: Actor,
  flagId: string,
  stepId: string,
  body: TickStepBody,
): Promise<FlagView> {
  const found = await findFlagForActor(tx, actor, flagId)
  const { desk } = await loadHelplineSettings(tx, found.helpline_id)
  if (!(desk?.escalationPlaybook ?? []).some((step) => step.id === stepId)) {
    throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No such step in the helpline’s playbook')
  }
  const contacted = body.contacted?.trim()
  const { rowCount } = await tx.query(
    `insert into safeguarding_step (flag_id, step_id, done_by, contacted_sealed) values ($1, $2, $3, $4)
     on conflict (flag_id, step_id) do nothing`,
    [
      flagId,
      stepId,
      actor.userId,
      contacted
        ? (await contactSealer(tx, services.keyring, { conversationId: found.conversation_id })).seal(
            contacted,
            `flag:${flagId}:${stepId}`,
          )
        : null,
    ],
  )
  if (rowCount) {
    await recordAuditEvent(tx, {
      helplineId: found.helpline_id,
      actorId: actor.userId,
      action: 'safeguarding.step',
      subjectType: 'conversation',
      subjectId: found.conversation_id,
      details: { flagId, stepId },
    })
  }
  const [flag] = await loadFlagViews(tx, services.keyring, {
    helplineIds: [found.helpline_id],
    ids: [flagId],
  })
  if (!flag) throw new Error('Flag vanished while ticking a step')
  return flag
}
