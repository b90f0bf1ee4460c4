// The seam to other installations (issue #18's "messa in rete" between installations): this
// package stores a referral to a partner installation (target kind 'installation', its partner
// id) and one that came from one (from_partner_id, remote_id), and writes an outbox row
// 'referral_remote' whenever the other side must hear something: the referral itself when it is
// sent, each state set here on a referral that came from there. The branch referrals-remote
// implements the transport (signed HTTPS, the partners list, the worker's task for the kind), and
// records what comes back through `recordReferralEvent` with `by: { partnerId }`.
import type { ReferralState } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import { enqueue } from '../outbox/outbox.ts'

/** The outbox payload of 'referral_remote': ids and a state only, as every outbox row. */
export type RemoteReferralPayload = { referralId: string; state: ReferralState }

export async function queueRemoteReferral(
  context: {
    tx: Tx
    afterCommit: (effect: () => void) => void
    services: { publisher: { outboxChanged: () => void } }
  },
  referralId: string,
  state: ReferralState,
) {
  const payload: RemoteReferralPayload = { referralId, state }
  // one referral's messages go in the order they happened
  await enqueue(context.tx, 'referral_remote', `referral:${referralId}`, payload)
  context.afterCommit(() => context.services.publisher.outboxChanged())
}
