// An operator records a contact that happened outside Ascolto's doors. It becomes a conversation
// on the helpline's "logged" door, open and in the operator's hands (so it is in "Le mie" at once,
// takes notes, the closing form, categories, a case), with the person found by their pseudonym or
// new with no address; the notes are a note sealed under the person's key.
import { randomUUID } from 'node:crypto'
import type { LogContactBody, LoggedContactView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { ownDoor } from '../channels/own-door.ts'
import { newContactWithoutAddress } from '../contacts/new-contact-without-address.ts'
import type { Actor, Services, Tx } from '../context.ts'
import { insertNote } from '../conversations/add-note.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'

export const LOGGED_KIND = 'logged'

async function personOf(tx: Tx, services: Services, helplineId: string, pseudonym: number | undefined) {
  if (pseudonym !== undefined) {
    const { rows } = await tx.query<{ id: string }>(
      'select id from contact where helpline_id = $1 and pseudonym = $2',
      [helplineId, pseudonym],
    )
    if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No person with this pseudonym')
    return { contactId: rows[0].id, pseudonym }
  }
  return newContactWithoutAddress(tx, services.keyring, helplineId)
}

export async function logContact(
  { tx, services }: { tx: Tx; services: Services },
  actor: Actor,
  helplineId: string,
  body: LogContactBody,
): Promise<LoggedContactView> {
  requireRole(actor, helplineId, 'volunteer')
  const happenedAt = new Date(body.happenedAt)
  if (happenedAt.getTime() > services.clock().getTime() + 5 * 60_000) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A logged contact has already happened')
  }
  const channelId = await ownDoor(tx, helplineId, LOGGED_KIND, 'Contatti registrati')
  const person = await personOf(tx, services, helplineId, body.pseudonym)
  const conversationId = randomUUID()
  const opened = await tx.query(
    `insert into conversation (id, helpline_id, contact_id, channel_id, status, assignee_id, opened_at, last_message_at)
     values ($1, $2, $3, $4, 'open', $5, $6, $6) on conflict do nothing`,
    [conversationId, helplineId, person.contactId, channelId, actor.userId, happenedAt],
  )
  if (!opened.rowCount) {
    throw new AscoltoError(
      'ASCOLTO_ERR_DUPLICATE_CONFLICT',
      'This person has a logged contact still open: close it first',
    )
  }
  await tx.query(
    `insert into logged_contact (conversation_id, helpline_id, door, caller, happened_at, duration_seconds, logged_by)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [conversationId, helplineId, body.door, body.caller, happenedAt, body.durationMinutes * 60, actor.userId],
  )
  const notes = body.notes?.trim()
  if (notes) {
    const record = await findConversationForActor(tx, actor, conversationId)
    await insertNote(tx, services, { ...record, authorId: actor.userId, text: notes, kind: 'text' })
  }
  await recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action: 'contact.logged',
    subjectType: 'conversation',
    subjectId: conversationId,
    details: { door: body.door, caller: body.caller },
  })
  return { conversationId, pseudonym: person.pseudonym }
}

/** A contact logged by hand has no door to write back through. */
export async function isLoggedContact(tx: Pick<Tx, 'query'>, conversationId: string) {
  const { rowCount } = await tx.query('select 1 from logged_contact where conversation_id = $1', [
    conversationId,
  ])
  return (rowCount ?? 0) > 0
}
