// The wall around a case: another helpline's case answers "not found", as an id that does not
// exist; inside the helpline its team, supervisors and coordinators read it, and anyone else is
// refused (they may know that a conversation belongs to a case, never what it holds).
import { type Actor, helplineIdsOf, type Tx } from '../context.ts'
import type { Keyring, Sealer } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'

export type CaseRecord = {
  id: string
  helpline_id: string
  kind: 'standard' | 'emergency'
  status: 'open' | 'on_hold' | 'closed'
  responsible_id: string | null
  opened_at: Date
}

export async function findCaseForActor(
  tx: Pick<Tx, 'query'>,
  actor: Actor,
  caseId: string,
  options: { lock?: boolean } = {},
): Promise<CaseRecord> {
  const { rows } = await tx.query<CaseRecord & { in_team: boolean }>(
    `select c.id, c.helpline_id, c.kind, c.status, c.responsible_id, c.opened_at,
            exists (select 1 from case_team t where t.case_id = c.id and t.user_id = $3) as in_team
       from help_case c
      where c.id = $1 and c.helpline_id = any($2::uuid[]) ${options.lock ? 'for update of c' : ''}`,
    [caseId, helplineIdsOf(actor), actor.userId],
  )
  const row = rows[0]
  if (!row) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Case not found')
  if (!row.in_team && !readsEveryCase(actor, row.helpline_id)) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', "Only the case's team and supervisors read it")
  }
  const { in_team: _, ...record } = row
  return record
}

export function readsEveryCase(actor: Actor, helplineId: string) {
  const role = actor.roles.get(helplineId)
  return role === 'supervisor' || role === 'coordinator'
}

/** A case's title: the team's words, under the helpline's key. */
export const titleContext = (caseId: string) => `case:${caseId}:title`
export const relationContext = (caseId: string, contactId: string) => `case:${caseId}:member:${contactId}`
export const entryContext = (entryId: string) => `case-entry:${entryId}`

/**
 * The sealer of the member whom what is written now is about: the person followed, or while the
 * case has none (a relative called first), its earliest member.
 */
export async function subjectSealer(tx: Pick<Tx, 'query'>, keyring: Keyring, caseRecord: CaseRecord) {
  const { rows } = await tx.query<{ contact_id: string; key_sealed: Buffer | null }>(
    `select m.contact_id, k.key_sealed
       from case_member m left join keystore.contact_key k on k.contact_id = m.contact_id
      where m.case_id = $1 order by m.is_subject desc, m.added_at, m.contact_id limit 1`,
    [caseRecord.id],
  )
  const row = rows[0]
  if (!row) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Case not found')
  const sealer: Sealer = keyring.contact(caseRecord.helpline_id, row.contact_id, row.key_sealed)
  return { contactId: row.contact_id, sealer }
}
