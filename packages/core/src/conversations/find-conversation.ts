import { type Actor, helplineIdsOf, type Tx } from '../context.ts'
import type { Keyring, Sealer } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'

export type ConversationRecord = {
  id: string
  helpline_id: string
  channel_id: string
  contact_id: string
  status: 'waiting' | 'open' | 'closed'
  assignee_id: string | null
  /** The person's wrapped data key (crypto/keyring.ts): null once destroyed. */
  key_sealed: Buffer | null
}

/**
 * The conversation, if it lies within the actor's helplines. Outside the wall it answers the
 * same "not found" as an id that does not exist, so ids reveal nothing.
 */
export async function findConversationForActor(
  tx: Pick<Tx, 'query'>,
  actor: Actor,
  conversationId: string,
  options: { lock?: boolean } = {},
): Promise<ConversationRecord> {
  const { rows } = await tx.query<ConversationRecord>(
    `select c.id, c.helpline_id, c.channel_id, c.contact_id, c.status, c.assignee_id, k.key_sealed
       from conversation c left join keystore.contact_key k on k.contact_id = c.contact_id
      where c.id = $1 and c.helpline_id = any($2::uuid[]) ${options.lock ? 'for update of c' : ''}`,
    [conversationId, helplineIdsOf(actor)],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Conversation not found')
  return rows[0]
}

export function isSupervising(actor: Actor, helplineId: string) {
  const role = actor.roles.get(helplineId)
  return role === 'supervisor' || role === 'coordinator'
}

/**
 * What silences a person (a block, a hidden message) is for the volunteer the conversation is
 * assigned to, or a supervisor: not for any colleague in a conversation that is someone else's.
 */
export function requireAssignedOrSupervisor(
  actor: Actor,
  record: Pick<ConversationRecord, 'helpline_id' | 'assignee_id'>,
) {
  if (record.assignee_id === actor.userId || isSupervising(actor, record.helpline_id)) return
  throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Only the assigned volunteer or a supervisor can do this')
}

/** The sealer of the person the conversation is with. */
export function sealerOf(keyring: Keyring, record: ConversationRecord): Sealer {
  return keyring.contact(record.helpline_id, record.contact_id, record.key_sealed)
}
