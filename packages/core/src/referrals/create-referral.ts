// Sending a referral: nothing goes without the person's consent (when, who gave it, the operator
// who recorded it); the packet is the least the receiving service needs (the reason, languages,
// urgency, what the person agreed to share) and carries an address only revealed under the audited
// rules (contacts/reveal-address.ts). The operator reads the same packet first (`previewReferral`).
// Sealed under the person's key; the referral arrives at once in a helpline's queue, waits for a
// hand-over to a partner without Ascolto, or goes to the outbox for another installation.
import { randomUUID } from 'node:crypto'
import type { CreateReferralBody, ReferralPreview, ReferralView } from '@ascolto/protocol'
import { revealAddress } from '../contacts/reveal-address.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { recordReferralEvent } from './record-referral-event.ts'
import { storePacket } from './referral-packet.ts'
import { findReferralSource, type ReferralSource } from './referral-source.ts'
import { resolveReferralTarget } from './referral-target.ts'
import { loadReferralView } from './referral-views.ts'

type Context = { tx: Tx; afterCommit: AfterCommit; services: Services }

async function prepare(context: Context, actor: Actor, body: CreateReferralBody) {
  const { tx, services } = context
  const source = await findReferralSource(tx, services.keyring, actor, body)
  const target = await resolveReferralTarget(tx, source.helplineId, body.target)
  if (body.includeAddress && !source.addressConversationId) {
    throw new AscoltoError(
      'ASCOLTO_ERR_VALIDATION',
      'This case has no conversation of its person to reveal an address from',
    )
  }
  const packet = {
    reason: body.reason.trim(),
    languages: [...new Set(body.languages)],
    shared: body.shared.trim(),
    addresses: [] as { channelKind: string; address: string }[],
  }
  if (!packet.reason) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A referral needs a reason')
  return { source, target, packet }
}

/** What will go, as the receiving service will read it; nothing stored, nothing revealed. */
export async function previewReferral(
  context: Context,
  actor: Actor,
  body: CreateReferralBody,
): Promise<ReferralPreview> {
  const { target, packet } = await prepare(context, actor, body)
  return {
    targetName: target.name,
    urgency: body.urgency,
    packet,
    addressIncluded: body.includeAddress !== undefined,
    consent: body.consent ?? null,
  }
}

function checkConsent(body: CreateReferralBody, now: Date) {
  if (!body.consent) {
    throw new AscoltoError(
      'ASCOLTO_ERR_CONSENT_REQUIRED',
      'A referral needs the consent of the person, recorded',
    )
  }
  const givenAt = new Date(body.consent.givenAt)
  if (givenAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'The consent cannot be given in the future')
  }
  return { givenAt, givenBy: body.consent.givenBy }
}

export async function createReferral(
  context: Context,
  actor: Actor,
  body: CreateReferralBody,
): Promise<ReferralView> {
  const { tx, services } = context
  const consent = checkConsent(body, services.clock())
  const { source, target, packet } = await prepare(context, actor, body)
  const id = randomUUID()
  if (body.includeAddress) {
    const revealed = await revealAddress(context, actor, {
      conversationId: source.addressConversationId as string,
      reason: body.includeAddress.reason,
    })
    packet.addresses = revealed.addresses
  }
  await insertReferral(tx, { id, source, target, urgency: body.urgency, consent, actor })
  await storePacket(tx, source.sealer, { referralId: id, contactId: source.contactId, packet })
  await recordReferralEvent(context, {
    referralId: id,
    state: 'sent',
    by: { userId: actor.userId, helplineId: source.helplineId },
  })
  return loadReferralView(tx, services.keyring, id, 'out')
}

async function insertReferral(
  tx: Tx,
  input: {
    id: string
    source: ReferralSource
    target: Awaited<ReturnType<typeof resolveReferralTarget>>
    urgency: CreateReferralBody['urgency']
    consent: { givenAt: Date; givenBy: 'person' | 'representative' }
    actor: Actor
  },
) {
  const { source, target } = input
  await tx.query(
    `insert into referral (id, from_helpline_id, target_kind, to_helpline_id, directory_service_id,
                           partner_name, partner_reach, to_partner_id, case_id, conversation_id, urgency,
                           consent_given_at, consent_given_by, consent_recorded_by, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
    [
      input.id,
      source.helplineId,
      target.kind,
      target.toHelplineId,
      target.directoryServiceId,
      target.partnerName,
      target.partnerReach,
      target.toPartnerId,
      source.caseId,
      source.conversationId,
      input.urgency,
      input.consent.givenAt,
      input.consent.givenBy,
      input.actor.userId,
    ],
  )
}
