// A call-back asked for, withdrawn, scheduled or tried (and a voicemail's recording stored, in
// media/fetch-message-media.ts, outside any transaction): the desks read their call-back list again,
// after the commit (a push carries no number, only which helpline's list changed).
import type { AfterCommit, Services } from '../context.ts'

export function announceCallbacks(
  { afterCommit, services }: { afterCommit: AfterCommit; services: Services },
  helplineId: string,
) {
  afterCommit(() => services.publisher.toConsoles(helplineId, 'callbacks.changed', { helplineId }))
}
