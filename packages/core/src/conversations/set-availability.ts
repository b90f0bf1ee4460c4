// An operator says whether they can take conversations: available, away (on a break) or offline.
// Automatic assignment gives conversations only to those available; becoming available takes
// the waiting ones there are, up to the helpline's limit.
import type { Availability } from '@ascolto/protocol'
import { type Actor, type AfterCommit, helplineIdsOf, type Services, type Tx } from '../context.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { assignWaiting } from './assign-automatically.ts'
import { loadConversationViews } from './conversation-views.ts'

export async function readAvailability(tx: Pick<Tx, 'query'>, actor: Actor): Promise<Availability> {
  const { rows } = await tx.query<{ availability: Availability }>(
    'select availability from app_user where id = $1',
    [actor.userId],
  )
  return rows[0]?.availability ?? 'offline'
}

export async function setAvailability(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  availability: Availability,
): Promise<Availability> {
  await tx.query('update app_user set availability = $2 where id = $1', [actor.userId, availability])
  afterCommit(() => {
    for (const helplineId of helplineIdsOf(actor)) services.publisher.answeringChanged?.(helplineId)
  })
  if (availability !== 'available') return availability
  for (const helplineId of helplineIdsOf(actor)) {
    const assigned = await assignWaiting(tx, await loadHelplineSettings(tx, helplineId), helplineId)
    if (assigned.length === 0) continue
    const views = await loadConversationViews(tx, services.keyring, {
      helplineIds: [helplineId],
      ids: assigned,
    })
    afterCommit(() => {
      for (const view of views) services.publisher.toConsoles(helplineId, 'conversation.updated', view)
    })
  }
  return availability
}
