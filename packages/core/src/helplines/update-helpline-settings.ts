// A coordinator replaces the helpline's settings, whole, from the console or a file; audited, and
// announced to the open consoles (their closing form and desk change at once).
import type { HelplineSettings } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'
import { announceDeskChange } from './announce-desk-change.ts'
import { importHelplineSettings, loadHelplineSettings } from './helpline-settings.ts'

export async function readHelplineSettings(tx: Pick<Tx, 'query'>, actor: Actor, helplineId: string) {
  const role = requireRole(actor, helplineId, 'volunteer')
  const settings = await loadHelplineSettings(tx, helplineId)
  return role === 'coordinator' ? settings : withoutOnCall(settings)
}

/** The on-call supervisor's number or e-mail is a staff member's own: only coordinators read it. */
export function withoutOnCall<T extends { desk?: object }>(settings: T): T {
  if (!settings.desk || !('onCall' in settings.desk)) return settings
  const { onCall: _onCall, ...desk } = settings.desk
  return { ...settings, desk }
}

export async function updateHelplineSettings(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
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
  announceDeskChange({ afterCommit, services }, helplineId)
  return loadHelplineSettings(tx, helplineId)
}
