// The emergency take-in's procedure is the helpline's (settings `cases.emergency.steps`): what each
// step records, checked here against the step's field, and read back per case, newest first.
import type { EmergencyRecord, EmergencyStep, EmergencyValue, EmergencyView } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'

type Db = Pick<Tx, 'query'>

export const emergencyStepContext = (recordId: string) => `case-emergency:${recordId}`

/** The helpline's procedure, or null where it has none (no emergency take-in is offered then). */
export async function loadEmergencyProcedure(db: Db, helplineId: string): Promise<EmergencyStep[] | null> {
  return (await loadHelplineSettings(db, helplineId)).cases?.emergency?.steps ?? null
}

/** The value fits its step: text for text and places, yes or no, known options, a date and time. */
export function checkEmergencyValue(step: EmergencyStep, value: EmergencyValue): EmergencyValue {
  const wrong = (what: string) =>
    new AscoltoError('ASCOLTO_ERR_VALIDATION', `Step '${step.id}' takes ${what}`)
  switch (step.field) {
    case 'text':
    case 'place': {
      if (typeof value !== 'string' || !value.trim()) throw wrong('a text')
      return value.trim()
    }
    case 'yes-no':
      if (typeof value !== 'boolean') throw wrong('yes or no')
      return value
    case 'choices': {
      const known = new Set(step.options?.map((o) => o.id))
      if (!Array.isArray(value) || value.some((id) => !known.has(id))) throw wrong('some of its options')
      return [...new Set(value)]
    }
    case 'when': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value)))
        throw wrong('a date and time')
      return new Date(value).toISOString()
    }
  }
}

/** An emergency case's procedure and records (opened under each record's person's key). */
export async function loadEmergencyView(
  db: Db,
  keyring: Keyring,
  caseRecord: { id: string; helpline_id: string },
): Promise<EmergencyView> {
  const procedure = (await loadEmergencyProcedure(db, caseRecord.helpline_id)) ?? []
  const { rows } = await db.query<{
    id: string
    contact_id: string
    key_sealed: Buffer | null
    step_id: string
    value_sealed: Buffer
    done_by: string | null
    done_by_name: string | null
    done_at: Date
  }>(
    `select s.id, s.contact_id, k.key_sealed, s.step_id, s.value_sealed, s.done_by,
            u.display_name as done_by_name, s.done_at
       from case_emergency_step s left join keystore.contact_key k on k.contact_id = s.contact_id
       left join app_user u on u.id = s.done_by
      where s.case_id = $1 order by s.seq desc`,
    [caseRecord.id],
  )
  const records: EmergencyRecord[] = rows.map((row) => ({
    id: row.id,
    stepId: row.step_id,
    value: JSON.parse(
      keyring
        .contact(caseRecord.helpline_id, row.contact_id, row.key_sealed)
        .open(row.value_sealed, emergencyStepContext(row.id)),
    ) as EmergencyValue,
    doneBy: row.done_by ? { id: row.done_by, displayName: row.done_by_name ?? '' } : null,
    doneAt: row.done_at.toISOString(),
  }))
  return { procedure, records }
}
