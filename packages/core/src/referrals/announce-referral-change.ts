// After a referral arrived or changed, the consoles of both helplines hear which one and its state
// (ids and states only): the sender sees the decision live, the receiver's queue fills at once.
import type { ReferralChange } from '@ascolto/protocol'
import type { AfterCommit, Services, Tx } from '../context.ts'

export async function announceReferralChange(
  { tx, afterCommit, services }: { tx: Pick<Tx, 'query'>; afterCommit: AfterCommit; services: Services },
  referralId: string,
) {
  const { rows } = await tx.query<ReferralChange>(
    `select id as "referralId", from_helpline_id as "fromHelplineId", to_helpline_id as "toHelplineId", state
       from referral where id = $1`,
    [referralId],
  )
  const change = rows[0]
  if (!change) return
  afterCommit(() => {
    for (const helplineId of [change.fromHelplineId, change.toHelplineId]) {
      if (helplineId) services.publisher.toConsoles(helplineId, 'referral.changed', change)
    }
  })
}
