// A coordinator replaces the helpline's settings, whole, from the console or a file; audited.
import type { HelplineSettings } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'
import { importHelplineSettings, loadHelplineSettings } from './helpline-settings.ts'

export async function readHelplineSettings(tx: Pick<Tx, 'query'>, actor: Actor, helplineId: string) {
  requireRole(actor, helplineId, 'volunteer')
  return loadHelplineSettings(tx, helplineId)
}

export async function updateHelplineSettings(
  tx: Tx,
  actor: Actor,
  helplineId: string,
  input: unknown,
): Promise<HelplineSettings> {
  requireRole(actor, helplineId, 'coordinator')
  await importHelplineSettings(tx, helplineId, input)
  await recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action: 'helpline.settings',
    subjectType: 'helpline',
    subjectId: helplineId,
  })
  return loadHelplineSettings(tx, helplineId)
}
