// The outbox task 'referral_remote': what the partner installation must hear, posted to its door
// signed with this installation's key (signed-request.ts): a referral sent to it (then marked
// received here once it answers), or a state set here on a referral it sent. Retried with backoff
// until the partner acknowledges it (2xx); nothing about the person is logged, only codes.
import type { Pool } from '@ascolto/db'
import { withTransaction } from '@ascolto/db'
import { REMOTE_STATES, type RemoteReferralBody, type RemoteStateBody } from '@ascolto/protocol'
import type { Services } from '../context.ts'
import { complete, type OutboxRow, retryLater } from '../outbox/outbox.ts'
import { recordReferralEvent } from '../referrals/record-referral-event.ts'
import { openPacket } from '../referrals/referral-packet.ts'
import type { RemoteReferralPayload } from '../referrals/remote.ts'
import { installationKey } from './installation-key.ts'
import { signRequest } from './signed-request.ts'

/** Shorter than the outbox lease, so a partner that hangs lets the row go back by itself. */
const REQUEST_TIMEOUT_MS = 15_000

type Outgoing = { url: string; body: RemoteReferralBody | RemoteStateBody; referralSent: boolean }

async function outgoing(
  pool: Pool,
  services: Services,
  payload: RemoteReferralPayload,
): Promise<Outgoing | string> {
  const { rows } = await pool.query<{
    target_kind: string
    from_partner_id: string | null
    remote_id: string | null
    urgency: RemoteReferralBody['urgency']
    consent_given_at: Date
    consent_given_by: RemoteReferralBody['consent']['givenBy']
    refusal_reason: RemoteStateBody['refusalReason'] | null
    base_url: string | null
    enabled: boolean | null
  }>(
    `select r.target_kind, r.from_partner_id, r.remote_id, r.urgency, r.consent_given_at, r.consent_given_by,
            r.refusal_reason, p.base_url, p.enabled
       from referral r
       left join partner p on p.id = case when r.target_kind = 'installation' then r.to_partner_id else r.from_partner_id end
      where r.id = $1`,
    [payload.referralId],
  )
  const referral = rows[0]
  if (!referral?.base_url) return 'gone'
  if (!referral.enabled) return 'ASCOLTO_ERR_PARTNER_DISABLED'
  const opened = await openPacket(pool, services.keyring, payload.referralId)
  if (referral.target_kind === 'installation' && payload.state === 'sent') {
    // the person was erased before it went: there is nothing left to send
    if (!opened) return 'gone'
    return {
      url: `${referral.base_url}/referrals`,
      referralSent: true,
      body: {
        id: payload.referralId,
        urgency: referral.urgency,
        consent: { givenAt: referral.consent_given_at.toISOString(), givenBy: referral.consent_given_by },
        packet: opened.packet,
      },
    }
  }
  const state = REMOTE_STATES.find((s) => s === payload.state)
  if (!referral.from_partner_id || !referral.remote_id || !state) return 'gone'
  return {
    url: `${referral.base_url}/referrals/${referral.remote_id}/state`,
    referralSent: false,
    body: {
      state,
      ...(state === 'refused' && referral.refusal_reason ? { refusalReason: referral.refusal_reason } : {}),
      ...(state === 'refused' && opened?.refusalNote ? { refusalNote: opened.refusalNote } : {}),
    },
  }
}

export async function sendToPartner(pool: Pool, services: Services, row: OutboxRow): Promise<string> {
  const payload = row.payload as RemoteReferralPayload
  const request = await outgoing(pool, services, payload)
  if (request === 'gone') {
    await complete(pool, row.id)
    return 'gone'
  }
  if (typeof request === 'string') {
    await retryLater(pool, row, request)
    return 'retry'
  }
  const body = JSON.stringify(request.body)
  const headers = await signRequest({
    method: 'POST',
    url: request.url,
    body,
    key: await installationKey(pool, services.keyring),
    now: services.clock(),
  })
  let answer: Response
  try {
    answer = await fetch(request.url, {
      method: 'POST',
      headers,
      body,
      // a partner is reached at the address its coordinators gave, never elsewhere
      redirect: 'error',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    await answer.body?.cancel()
  } catch {
    await retryLater(pool, row, 'ASCOLTO_ERR_PARTNER_UNREACHABLE')
    return 'retry'
  }
  if (!answer.ok) {
    await retryLater(pool, row, `ASCOLTO_ERR_PARTNER_ANSWERED_${answer.status}`)
    return 'retry'
  }
  await withTransaction(pool, async (tx, afterCommit) => {
    if (request.referralSent) {
      const { rows } = await tx.query<{ state: string; to_partner_id: string }>(
        'select state, to_partner_id from referral where id = $1 for update',
        [payload.referralId],
      )
      const sent = rows[0]
      if (sent?.state === 'sent') {
        await recordReferralEvent(
          { tx, afterCommit, services },
          { referralId: payload.referralId, state: 'received', by: { partnerId: sent.to_partner_id } },
        )
      }
    }
    await complete(tx, row.id)
  })
  return 'sent'
}
