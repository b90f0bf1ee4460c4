// A call-back request as the actor may see it: outside their helplines it does not exist.
import type { Actor, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'

/**
 * Who may see a caller's number and so call back. Supervisors and coordinators, until the
 * "reveal address" permission decides it per person.
 */
export const CALLBACK_ROLE = 'supervisor' as const

export type CallbackRecord = {
  id: string
  helpline_id: string
  conversation_id: string
  message_id: string | null
  case_id: string | null
  status: 'pending' | 'not_reachable' | 'called_back' | 'done'
}

export async function findCallbackForActor(
  tx: Tx,
  actor: Actor,
  callbackId: string,
  least: 'volunteer' | 'supervisor',
): Promise<CallbackRecord> {
  const { rows } = await tx.query<CallbackRecord>(
    `select id, helpline_id, conversation_id, message_id, case_id, status from callback_request
      where id = $1 and helpline_id = any($2::uuid[]) for update`,
    [callbackId, [...actor.roles.keys()]],
  )
  const record = rows[0]
  if (!record) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Call-back not found')
  requireRole(actor, record.helpline_id, least)
  return record
}
