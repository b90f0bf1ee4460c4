// A coordinator changed what the desk works with (the settings: closing form, categories,
// assignment…; the canned replies): every open console of the helpline reads its desk again, live.
import type { AfterCommit, Services } from '../context.ts'

export function announceDeskChange(
  { afterCommit, services }: { afterCommit: AfterCommit; services: Pick<Services, 'publisher'> },
  helplineId: string,
) {
  afterCommit(() => services.publisher.toConsoles(helplineId, 'desk.changed', { helplineId }))
}
