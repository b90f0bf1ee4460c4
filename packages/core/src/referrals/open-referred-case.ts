// Accepting a referral from another helpline opens a case on the receiving side: a new person with
// no address (the sender's person is theirs, with their own key), the accepting operator
// responsible, and a first note with what the person agreed to share, sealed under the new
// person's key. The referral keeps the case's id for the receiver (to_case_id).
import { randomUUID } from 'node:crypto'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { announceCaseChange } from '../cases/announce-case-change.ts'
import { entryContext, titleContext } from '../cases/find-case.ts'
import { recordCaseFacts } from '../cases/record-case-facts.ts'
import { newContactWithoutAddress } from '../contacts/new-contact-without-address.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { openPacket } from './referral-packet.ts'

export async function openReferredCase(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  input: { referralId: string; helplineId: string; title: string },
) {
  const { tx, services } = context
  const { keyring } = services
  const person = await newContactWithoutAddress(tx, keyring, input.helplineId)
  const caseId = randomUUID()
  await tx.query(
    `insert into help_case (id, helpline_id, title_sealed, responsible_id, opened_by) values ($1, $2, $3, $4, $4)`,
    [
      caseId,
      input.helplineId,
      keyring.scope(input.helplineId).seal(input.title, titleContext(caseId)),
      actor.userId,
    ],
  )
  await tx.query('insert into case_team (case_id, user_id) values ($1, $2)', [caseId, actor.userId])
  await tx.query('insert into case_member (case_id, contact_id, is_subject) values ($1, $2, true)', [
    caseId,
    person.contactId,
  ])
  const opened = await openPacket(tx, keyring, input.referralId)
  if (opened) {
    const { packet } = opened
    const text = [
      packet.reason,
      packet.shared,
      packet.languages.join(', '),
      ...packet.addresses.map((a) => `${a.channelKind}: ${a.address}`),
    ]
      .filter(Boolean)
      .join('\n\n')
    const entryId = randomUUID()
    const sealer = keyring.contact(input.helplineId, person.contactId, await wrappedKey(tx, person.contactId))
    await tx.query(
      `insert into case_entry (id, case_id, contact_id, kind, body_sealed, author_id) values ($1, $2, $3, 'note', $4, $5)`,
      [entryId, caseId, person.contactId, sealer.seal(text, entryContext(entryId)), actor.userId],
    )
  }
  await tx.query('update referral set to_case_id = $2 where id = $1', [input.referralId, caseId])
  await recordAuditEvent(tx, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'case.opened',
    subjectType: 'case',
    subjectId: caseId,
    details: { kind: 'standard', referralId: input.referralId },
  })
  await recordCaseFacts(tx, [caseId])
  await announceCaseChange(context, caseId)
  return caseId
}

async function wrappedKey(tx: Tx, contactId: string) {
  const { rows } = await tx.query<{ key_sealed: Buffer }>(
    'select key_sealed from keystore.contact_key where contact_id = $1',
    [contactId],
  )
  return rows[0]?.key_sealed ?? null
}
