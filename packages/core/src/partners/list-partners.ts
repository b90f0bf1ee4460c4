// A helpline's partner installations, as its coordinators entered them.
import type { Queryable } from '@ascolto/db'
import type { Partner } from '@ascolto/protocol'
import { AscoltoError } from '../errors.ts'

export async function loadPartners(db: Queryable, helplineId: string, id?: string): Promise<Partner[]> {
  const { rows } = await db.query<Omit<Partner, 'updatedAt'> & { updatedAt: Date }>(
    `select id, name, base_url as "baseUrl", public_key as "publicKey", enabled, updated_at as "updatedAt"
       from partner where helpline_id = $1 and ($2::uuid is null or id = $2) order by name, id`,
    [helplineId, id ?? null],
  )
  return rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() }))
}

/** The helpline a partner belongs to, within the actor's helplines (else "not found"). */
export async function findPartnerHelpline(db: Queryable, helplineIds: readonly string[], id: string) {
  const { rows } = await db.query<{ helpline_id: string }>(
    'select helpline_id from partner where id = $1 and helpline_id = any($2::uuid[])',
    [id, helplineIds],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Partner not found')
  return rows[0].helpline_id
}
