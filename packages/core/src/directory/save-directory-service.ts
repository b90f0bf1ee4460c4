// A coordinator keeps the helpline's directory of services; every change is audited (ids only).
import type { Queryable } from '@ascolto/db'
import type { DirectoryService, DirectoryServiceBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { loadDirectory } from './list-directory.ts'

/** The columns a service is written to, in the order of `serviceValues`. */
const SERVICE_COLUMNS =
  'organisation, service, region, province, municipality, topics, people_served, languages, opening_hours, reach, reply_texts, operator_notes, last_checked'

function serviceValues(body: DirectoryServiceBody) {
  return [
    body.organisation.trim(),
    body.service.trim(),
    body.region?.trim() || null,
    body.province?.trim() || null,
    body.municipality?.trim() || null,
    [...new Set(body.topics.map((t) => t.trim()).filter(Boolean))],
    body.peopleServed?.trim() || null,
    [...new Set(body.languages)],
    body.openingHours?.trim() || null,
    body.reach.trim(),
    JSON.stringify(body.replyTexts),
    body.operatorNotes?.trim() || null,
    body.lastChecked ?? null,
  ]
}

export async function insertDirectoryService(
  tx: Tx,
  helplineId: string,
  body: DirectoryServiceBody,
  userId: string,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into directory_service (helpline_id, ${SERVICE_COLUMNS}, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
    [helplineId, ...serviceValues(body), userId],
  )
  const id = rows[0]?.id
  if (!id) throw new Error('The directory service was not inserted')
  return id
}

/** Adds one (no id) or replaces one. */
export async function saveDirectoryService(
  tx: Tx,
  actor: Actor,
  input: { helplineId: string; id?: string; body: DirectoryServiceBody; now: Date },
): Promise<DirectoryService> {
  requireRole(actor, input.helplineId, 'coordinator')
  const id = input.id
    ? (
        await tx.query<{ id: string }>(
          `update directory_service set (${SERVICE_COLUMNS}, updated_by, updated_at)
           = ($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now())
          where id = $1 and helpline_id = $2 returning id`,
          [input.id, input.helplineId, ...serviceValues(input.body), actor.userId],
        )
      ).rows[0]?.id
    : await insertDirectoryService(tx, input.helplineId, input.body, actor.userId)
  if (!id) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Service not found')
  await recordAuditEvent(tx, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: input.id ? 'directory.update' : 'directory.create',
    subjectType: 'directory_service',
    subjectId: id,
  })
  const [saved] = (await loadDirectory(tx, input.helplineId, { id }, input.now)).services
  if (!saved) throw new Error('Directory service vanished while saving it')
  return saved
}

export async function deleteDirectoryService(
  tx: Tx,
  actor: Actor,
  input: { helplineId: string; id: string },
) {
  requireRole(actor, input.helplineId, 'coordinator')
  const { rowCount } = await tx.query('delete from directory_service where id = $1 and helpline_id = $2', [
    input.id,
    input.helplineId,
  ])
  if (!rowCount) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Service not found')
  await recordAuditEvent(tx, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'directory.delete',
    subjectType: 'directory_service',
    subjectId: input.id,
  })
}

/** The helpline a service belongs to, within the actor's helplines (else "not found"). */
export async function findDirectoryServiceHelpline(
  db: Queryable,
  helplineIds: readonly string[],
  id: string,
) {
  const { rows } = await db.query<{ helpline_id: string }>(
    'select helpline_id from directory_service where id = $1 and helpline_id = any($2::uuid[])',
    [id, helplineIds],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Service not found')
  return rows[0].helpline_id
}
