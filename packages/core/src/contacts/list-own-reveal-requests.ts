// The asker's own requests to see the address of one conversation's person, with where each
// stands, so a reload or another device shows what was asked and what a supervisor decided.
import type { Queryable } from '@ascolto/db'
import type { OwnRevealRequest } from '@ascolto/protocol'
import type { Actor } from '../context.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { openRevealReason, REVEAL_APPROVAL_MINUTES, REVEAL_REQUEST_HOURS } from './reveal-requests.ts'

/** The latest few are enough to say where the asker stands; older ones are in the audit log. */
const SHOWN = 10

export async function listOwnRevealRequests(
  db: Queryable,
  keyring: Keyring,
  actor: Actor,
  conversationId: string,
): Promise<OwnRevealRequest[]> {
  const record = await findConversationForActor(db, actor, conversationId)
  const { rows } = await db.query<{
    id: string
    reason_sealed: Buffer
    state: OwnRevealRequest['state']
    created_at: Date
    decided_at: Date | null
    decided_by: string | null
    decider_name: string | null
    used_at: Date | null
    expires_at: Date | null
  }>(
    `select r.id, r.reason_sealed, r.created_at, r.decided_at, r.decided_by, u.display_name as decider_name,
            r.used_at, s.state,
            case s.state when 'pending' then r.created_at + make_interval(hours => $3)
                         when 'approved' then r.decided_at + make_interval(mins => $4) end as expires_at
       from reveal_request r
       left join app_user u on u.id = r.decided_by
       cross join lateral (select case
         when r.used_at is not null then 'used'
         when r.approved = false then 'refused'
         when r.approved then case when r.decided_at > now() - make_interval(mins => $4)
                                   then 'approved' else 'expired' end
         when r.created_at > now() - make_interval(hours => $3) then 'pending'
         else 'expired' end as state) s
      where r.conversation_id = $1 and r.requested_by = $2
      order by r.created_at desc, r.id limit ${SHOWN}`,
    [record.id, actor.userId, REVEAL_REQUEST_HOURS, REVEAL_APPROVAL_MINUTES],
  )
  return rows.map((r) => ({
    id: r.id,
    conversationId: record.id,
    reason: openRevealReason(keyring, { ...record, id: r.id, reason_sealed: r.reason_sealed }),
    state: r.state,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedBy: r.decided_by && r.decider_name ? { id: r.decided_by, displayName: r.decider_name } : null,
    usedAt: r.used_at?.toISOString() ?? null,
    expiresAt: r.expires_at?.toISOString() ?? null,
  }))
}
