// The number to call back, for the roles allowed to call: read from its sealed column only here,
// audited (without the number), never part of a list or a realtime event.
import type { CallbackNumber } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { CALLBACK_ROLE, findCallbackForActor } from './find-callback.ts'

export async function revealCallbackNumber(
  { tx, services }: { tx: Tx; services: Pick<Services, 'keyring'> },
  actor: Actor,
  callbackId: string,
): Promise<CallbackNumber> {
  const record = await findCallbackForActor(tx, actor, callbackId, CALLBACK_ROLE)
  const { rows } = await tx.query<{ address_sealed: Buffer; channel_id: string; contact_id: string }>(
    `select ci.address_sealed, ci.channel_id, ci.contact_id
       from message m join conversation c on c.id = m.conversation_id
       join contact_identity ci on ci.contact_id = c.contact_id and ci.channel_id = m.channel_id
      where m.id = $1`,
    [record.message_id],
  )
  const identity = rows[0]
  if (!identity) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'The number is no longer kept')
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'contact.address_revealed',
    subjectType: 'contact',
    subjectId: identity.contact_id,
    details: { callbackId: record.id, reason: 'call-back' },
  })
  return {
    number: services.keyring.open(
      record.helpline_id,
      identity.address_sealed,
      `address:${identity.channel_id}`,
    ),
  }
}
