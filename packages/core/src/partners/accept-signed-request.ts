// The door's checks on a request from a partner installation, in the transaction that will store
// what it carries (so a refused request leaves nothing): a signature by the key of a partner this
// helpline knows and has enabled, made within the window, with a nonce never seen before.
import type { Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { verifySignedRequest } from './signed-request.ts'

/** How far a request's creation time may be from this installation's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300

export type SignedRequest = Parameters<typeof verifySignedRequest>[0]
export type SendingPartner = { id: string; name: string; helplineId: string }

export async function acceptSignedRequest(
  tx: Tx,
  input: { helplineId: string; request: SignedRequest; now: Date },
): Promise<SendingPartner> {
  type Found = SendingPartner & { enabled: boolean; publicKey: string }
  let partner: Found | undefined
  const signature = await verifySignedRequest(input.request, async (keyId) => {
    const { rows } = await tx.query<Found>(
      `select id, name, helpline_id as "helplineId", enabled, public_key as "publicKey"
         from partner where helpline_id = $1 and public_key = $2`,
      [input.helplineId, keyId],
    )
    partner = rows[0]
    return partner?.publicKey ?? null
  })
  if (!partner)
    throw new AscoltoError('ASCOLTO_ERR_UNKNOWN_PARTNER', 'No partner of this helpline has this key')
  if (!partner.enabled)
    throw new AscoltoError('ASCOLTO_ERR_PARTNER_DISABLED', 'This partner is disabled here')
  const skew = Math.abs(input.now.getTime() - signature.created.getTime()) / 1000
  if (skew > SIGNATURE_WINDOW_SECONDS) {
    throw new AscoltoError(
      'ASCOLTO_ERR_SIGNATURE_STALE',
      'The signature was not made within the accepted window',
    )
  }
  // kept until a request bearing it would be too old anyway
  await tx.query('delete from partner_nonce where public_key = $1 and expires_at < $2', [
    signature.keyId,
    input.now,
  ])
  const { rowCount } = await tx.query(
    `insert into partner_nonce (public_key, nonce, expires_at)
     values ($1, $2, $3::timestamptz + make_interval(secs => $4)) on conflict do nothing`,
    [signature.keyId, signature.nonce, signature.created, 2 * SIGNATURE_WINDOW_SECONDS],
  )
  if (rowCount !== 1) throw new AscoltoError('ASCOLTO_ERR_REPLAYED', 'This request was received already')
  return { id: partner.id, name: partner.name, helplineId: partner.helplineId }
}
