// A coordinator writes the helpline's canned replies; every change is audited (ids only) and
// reaches the open consoles.

type Context = { tx: Tx; afterCommit: AfterCommit; services: Pick<Services, 'publisher'> }

import type { Queryable } from '@ascolto/db'
import type { CannedReply, CannedReplyBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { announceDeskChange } from '../helplines/announce-desk-change.ts'
import { requireRole } from '../operators/require-role.ts'
import { loadCannedReplies } from './list-canned-replies.ts'

/** Creates one (no id) or replaces one; a shortcut already taken in the helpline is a conflict. */
export async function saveCannedReply(
  { tx, afterCommit, services }: Context,
  actor: Actor,
  input: { helplineId: string; id?: string; body: CannedReplyBody },
): Promise<CannedReply> {
  requireRole(actor, input.helplineId, 'coordinator')
  const { shortcut, title, text } = input.body
  const taken = await tx.query(
    'select 1 from canned_reply where helpline_id = $1 and shortcut = $2 and ($3::uuid is null or id <> $3)',
    [input.helplineId, shortcut, input.id ?? null],
  )
  if (taken.rowCount) {
    throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', `The shortcut /${shortcut} is already used`)
  }
  const { rows } = input.id
    ? await tx.query<{ id: string }>(
        `update canned_reply set shortcut = $3, title = $4, body = $5, updated_by = $6, updated_at = now()
          where id = $1 and helpline_id = $2 returning id`,
        [input.id, input.helplineId, shortcut, title, text, actor.userId],
      )
    : await tx.query<{ id: string }>(
        `insert into canned_reply (helpline_id, shortcut, title, body, updated_by)
         values ($1, $2, $3, $4, $5) returning id`,
        [input.helplineId, shortcut, title, text, actor.userId],
      )
  const id = rows[0]?.id
  if (!id) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Canned reply not found')
  await recordAuditEvent(tx, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: input.id ? 'canned_reply.update' : 'canned_reply.create',
    subjectType: 'canned_reply',
    subjectId: id,
  })
  announceDeskChange({ afterCommit, services }, input.helplineId)
  const [saved] = await loadCannedReplies(tx, input.helplineId, { id })
  if (!saved) throw new Error('Canned reply vanished while saving it')
  return saved
}

export async function deleteCannedReply(
  { tx, afterCommit, services }: Context,
  actor: Actor,
  input: { helplineId: string; id: string },
) {
  requireRole(actor, input.helplineId, 'coordinator')
  const { rowCount } = await tx.query('delete from canned_reply where id = $1 and helpline_id = $2', [
    input.id,
    input.helplineId,
  ])
  if (!rowCount) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Canned reply not found')
  await recordAuditEvent(tx, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'canned_reply.delete',
    subjectType: 'canned_reply',
    subjectId: input.id,
  })
  announceDeskChange({ afterCommit, services }, input.helplineId)
}

/** The helpline a canned reply belongs to, within the actor's helplines (else "not found"). */
export async function findCannedReplyHelpline(db: Queryable, helplineIds: readonly string[], id: string) {
  const { rows } = await db.query<{ helpline_id: string }>(
    'select helpline_id from canned_reply where id = $1 and helpline_id = any($2::uuid[])',
    [id, helplineIds],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Canned reply not found')
  return rows[0].helpline_id
}
