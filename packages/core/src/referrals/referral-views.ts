// What each side reads of a referral. The sender sees its own case or conversation, the receiver
// the case it opened: neither sees the other's. The packet opens only in the detail (audited by
// get-referral.ts); lists carry states and names.

import type { Queryable } from '@ascolto/db'
import type { ReferralList, ReferralSummary, ReferralView } from '@ascolto/protocol'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'
import type { ReferralSide } from './find-referral.ts'
import { openPacket } from './referral-packet.ts'

type SummaryRow = Omit<ReferralSummary, 'direction' | 'createdAt' | 'stateChangedAt'> & {
  fromHelplineId: string | null
  fromName: string | null
  toHelplineId: string | null
  toName: string | null
  createdAt: Date
  stateChangedAt: Date
  partnerReach: string | null
}

const SUMMARY = `
  select r.id, r.target_kind as "targetKind",
         -- a partner by hand is named in the referral; another installation, in the partners list
         coalesce(r.partner_name, tp.name, fp.name) as "partnerName", r.partner_reach as "partnerReach",
         r.state, r.refusal_reason as "refusalReason", r.urgency, r.created_at as "createdAt",
         r.state_changed_at as "stateChangedAt", r.case_id as "caseId", r.conversation_id as "conversationId",
         r.to_case_id as "toCaseId", r.from_helpline_id as "fromHelplineId", fh.name as "fromName",
         r.to_helpline_id as "toHelplineId", th.name as "toName"
    from referral r
    left join helpline fh on fh.id = r.from_helpline_id
    left join helpline th on th.id = r.to_helpline_id
    left join partner tp on tp.id = r.to_partner_id
    left join partner fp on fp.id = r.from_partner_id`

function summaryOf(row: SummaryRow, side: ReferralSide): ReferralSummary {
  const sideOf = (helplineId: string | null, name: string | null) =>
    helplineId ? { helplineId, name: name ?? '' } : null
  return {
    id: row.id,
    direction: side,
    targetKind: row.targetKind,
    from: sideOf(row.fromHelplineId, row.fromName),
    to: sideOf(row.toHelplineId, row.toName),
    partnerName: row.partnerName,
    state: row.state,
    refusalReason: row.refusalReason,
    urgency: row.urgency,
    createdAt: row.createdAt.toISOString(),
    stateChangedAt: row.stateChangedAt.toISOString(),
    // each side its own: the sender's case or conversation, the receiver's case
    caseId: side === 'out' ? row.caseId : null,
    conversationId: side === 'out' ? row.conversationId : null,
    toCaseId: side === 'in' ? row.toCaseId : null,
  }
}

/** A helpline's referrals sent ('out') or received ('in'), the undecided and most urgent first. */
export async function listReferralsOf(
  db: Queryable,
  helplineId: string,
  side: ReferralSide,
): Promise<ReferralList> {
  const { rows } = await db.query<SummaryRow>(
    `${SUMMARY}
      where ${side === 'in' ? 'r.to_helpline_id' : 'r.from_helpline_id'} = $1
      order by r.state in ('sent', 'received') desc,
               case r.urgency when 'urgent' then 0 when 'soon' then 1 else 2 end, r.created_at desc
      limit 500`,
    [helplineId],
  )
  return { referrals: rows.map((row) => summaryOf(row, side)) }
}

const person = (id: string | null, displayName: string | null) =>
  id ? { id, displayName: displayName ?? '' } : null

export async function loadReferralView(
  db: Queryable,
  keyring: Keyring,
  referralId: string,
  side: ReferralSide,
): Promise<ReferralView> {
  const { rows } = await db.query<
    SummaryRow & {
      consentGivenAt: Date
      consentGivenBy: 'person' | 'representative'
      recorderId: string | null
      recorderName: string | null
      creatorId: string | null
      creatorName: string | null
    }
  >(
    `${SUMMARY.replace(
      'from referral r',
      `, r.consent_given_at as "consentGivenAt", r.consent_given_by as "consentGivenBy",
            rec.id as "recorderId", rec.display_name as "recorderName",
            cre.id as "creatorId", cre.display_name as "creatorName"
       from referral r
       left join app_user rec on rec.id = r.consent_recorded_by
       left join app_user cre on cre.id = r.created_by`,
    )}
      where r.id = $1`,
    [referralId],
  )
  const row = rows[0]
  if (!row) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Referral not found')
  const events = await db.query<{
    state: ReferralView['state']
    at: Date
    user_id: string | null
    display_name: string | null
    helpline_name: string | null
  }>(
    `select e.state, e.at, u.id as user_id, u.display_name, h.name as helpline_name
       from referral_event e left join app_user u on u.id = e.by_user_id
       left join helpline h on h.id = e.by_helpline_id
      where e.referral_id = $1 order by e.id`,
    [referralId],
  )
  const handovers = await db.query<{
    method: ReferralView['handovers'][number]['method']
    recipient: string
    at: Date
    user_id: string | null
    display_name: string | null
  }>(
    `select o.method, o.recipient, o.at, u.id as user_id, u.display_name
       from referral_handover o left join app_user u on u.id = o.by_user_id
      where o.referral_id = $1 order by o.id`,
    [referralId],
  )
  const opened = await openPacket(db, keyring, referralId)
  return {
    ...summaryOf(row, side),
    partnerReach: row.partnerReach,
    packet: opened?.packet ?? null,
    refusalNote: opened?.refusalNote ?? null,
    consent: {
      givenAt: row.consentGivenAt.toISOString(),
      givenBy: row.consentGivenBy,
      recordedBy: person(row.recorderId, row.recorderName),
    },
    createdBy: person(row.creatorId, row.creatorName),
    events: events.rows.map((event) => ({
      state: event.state,
      at: event.at.toISOString(),
      by: person(event.user_id, event.display_name),
      helplineName: event.helpline_name,
    })),
    handovers: handovers.rows.map((handover) => ({
      method: handover.method,
      recipient: handover.recipient,
      at: handover.at.toISOString(),
      by: person(handover.user_id, handover.display_name),
    })),
  }
}
