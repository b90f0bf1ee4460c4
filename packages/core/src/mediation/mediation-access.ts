// Who a mediator is, and what they may reach: the conversations they are in now, nothing else.
// A conversation they are not in, or one that has closed, answers "not found" as if it did not
// exist, as another helpline's would for staff.
import type { Queryable } from '@ascolto/db'
import type { Actor, Tx } from '../context.ts'
import type { ConversationRecord } from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'

export type MediatedRecord = ConversationRecord & { mediation_id: string; language: string; joined_at: Date }

/** The account is a mediator somewhere (the route policy's check; the use-case checks the conversation). */
export function requireMediator(actor: Actor) {
  if (!actor.mediatorOf?.size) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Not found')
}

/** The conversation, if the actor is a mediator in it now and it is not closed. */
export async function findMediatedConversation(
  tx: Pick<Tx, 'query'>,
  actor: Actor,
  conversationId: string,
  options: { lock?: boolean } = {},
): Promise<MediatedRecord> {
  requireMediator(actor)
  const { rows } = await tx.query<MediatedRecord>(
    `select c.id, c.helpline_id, c.channel_id, c.contact_id, c.status, c.assignee_id, k.key_sealed,
            md.id as mediation_id, md.language, md.joined_at
       from mediation md
       join conversation c on c.id = md.conversation_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
      where md.conversation_id = $1 and md.mediator_id = $2 and md.ended_at is null
        and md.joined_at is not null and c.status <> 'closed' and md.helpline_id = any($3::uuid[])
      ${options.lock ? 'for update of c' : ''}`,
    [conversationId, actor.userId, [...(actor.mediatorOf ?? [])]],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Conversation not found')
  return rows[0]
}

/**
 * The mediators of a language in a helpline: the entries of its one list of mediators (the list
 * phone calls use) that name a console account still a mediator member of the helpline.
 */
export async function mediatorsOfLanguage(db: Queryable, helplineId: string, language: string) {
  const { rows } = await db.query<{ user_id: string; entry_id: string; phone_sealed: Buffer; email: string }>(
    `select cm.user_id, cm.id as entry_id, cm.phone_sealed, u.email
       from call_mediator cm
       join membership m on m.user_id = cm.user_id and m.helpline_id = cm.helpline_id and m.role = 'mediator'
       join app_user u on u.id = cm.user_id and u.deactivated_at is null
      where cm.helpline_id = $1 and cm.removed_at is null and $2 = any(cm.languages)
      order by cm.label, cm.id`,
    [helplineId, language],
  )
  return rows
}
