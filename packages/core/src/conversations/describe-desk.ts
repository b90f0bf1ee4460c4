import type { Queryable } from '@ascolto/db'
import type { DeskSetup } from '@ascolto/protocol'
import { loadCannedReplies } from '../canned-replies/list-canned-replies.ts'
import { revealNeedsApproval } from '../contacts/reveal-requests.ts'
import type { Actor } from '../context.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { withoutOnCall } from '../helplines/update-helpline-settings.ts'
import { listColleagues } from '../operators/list-colleagues.ts'
import { requireRole } from '../operators/require-role.ts'

/** What any member's desk needs of a helpline: its lists and forms, canned replies, colleagues. */
export async function describeDesk(db: Queryable, actor: Actor, helplineId: string): Promise<DeskSetup> {
  requireRole(actor, helplineId, 'volunteer')
  const settings = await loadHelplineSettings(db, helplineId)
  return {
    helplineId,
    languages: settings.languages,
    // the desk has no use for the on-call address, a staff member's own
    desk: withoutOnCall(settings).desk ?? {},
    cannedReplies: await loadCannedReplies(db, helplineId),
    colleagues: await listColleagues(db, helplineId),
    revealNeedsApproval: await revealNeedsApproval(db, helplineId),
    surveyDoors: (settings.survey?.channelKinds ?? []).filter((kind) => kind !== 'webchat'),
  }
}
