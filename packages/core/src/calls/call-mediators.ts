// The helpline's list of cultural mediators and interpreters to call into a phone call, by
// language. Coordinators keep it and alone read the numbers (staff data, sealed with the
// helpline's key like the channel secrets); every member reads labels and languages, to choose.
// An entry may name the mediator's console account: the same list serves written conversations
// (mediation/), where a mediator of the language asked for is alerted and joins.
import { randomUUID } from 'node:crypto'
import type { CallMediator, CallMediatorInput } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'

const E164 = /^\+[1-9]\d{6,14}$/
const sealContext = (mediatorId: string) => `call-mediator:${mediatorId}`

type Keyring = Services['keyring']

export function openMediatorPhone(keyring: Keyring, helplineId: string, mediatorId: string, sealed: Buffer) {
  return keyring.scope(helplineId).open(sealed, sealContext(mediatorId))
}

export async function listCallMediators(
  tx: Pick<Tx, 'query'>,
  services: Pick<Services, 'keyring'>,
  actor: Actor,
  helplineId: string,
): Promise<CallMediator[]> {
  const role = requireRole(actor, helplineId, 'volunteer')
  const { rows } = await tx.query<{
    id: string
    label: string
    languages: string[]
    phone_sealed: Buffer
    user_id: string | null
  }>(
    `select id, label, languages, phone_sealed, user_id from call_mediator
      where helpline_id = $1 and removed_at is null order by label, id`,
    [helplineId],
  )
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    languages: row.languages,
    ...(role === 'coordinator'
      ? {
          phone: openMediatorPhone(services.keyring, helplineId, row.id, row.phone_sealed),
          accountId: row.user_id,
        }
      : {}),
  }))
}

/** Adds a mediator to the list (`mediatorId` null) or changes one. */
export async function saveCallMediator(
  tx: Pick<Tx, 'query'>,
  services: Pick<Services, 'keyring'>,
  actor: Actor,
  helplineId: string,
  mediatorId: string | null,
  input: CallMediatorInput,
): Promise<CallMediator> {
  requireRole(actor, helplineId, 'coordinator')
  const phone = input.phone.replace(/[\s\-().]/g, '')
  if (!E164.test(phone)) {
    throw new AscoltoError(
      'ASCOLTO_ERR_VALIDATION',
      'phone: a number in international form, e.g. +393471234567',
    )
  }
  const label = input.label.trim()
  if (!label) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'label: a label is needed')
  const languages = [...new Set(input.languages)]
  const accountId = input.accountId ?? null
  if (accountId) await requireMediatorMember(tx, helplineId, accountId)
  const id = mediatorId ?? randomUUID()
  const sealed = services.keyring.scope(helplineId).seal(phone, sealContext(id))
  const saved = mediatorId
    ? await tx.query(
        `update call_mediator set label = $3, languages = $4, phone_sealed = $5, user_id = $6
          where id = $1 and helpline_id = $2 and removed_at is null`,
        [id, helplineId, label, languages, sealed, accountId],
      )
    : await tx.query(
        `insert into call_mediator (id, helpline_id, label, languages, phone_sealed, user_id)
         values ($1, $2, $3, $4, $5, $6)`,
        [id, helplineId, label, languages, sealed, accountId],
      )
  if (saved.rowCount !== 1) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Mediator not found')
  await recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action: mediatorId ? 'call_mediator.changed' : 'call_mediator.added',
    subjectType: 'call_mediator',
    subjectId: id,
  })
  return { id, label, languages, phone, accountId }
}

/** The console account an entry names must be a mediator member of the same helpline. */
async function requireMediatorMember(tx: Pick<Tx, 'query'>, helplineId: string, userId: string) {
  const { rowCount } = await tx.query(
    `select 1 from membership where helpline_id = $1 and user_id = $2 and role = 'mediator'`,
    [helplineId, userId],
  )
  if (rowCount !== 1) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'accountId: not a mediator of this helpline')
  }
}

/** Takes a mediator off the list; the calls they joined keep their label. */
export async function removeCallMediator(
  tx: Pick<Tx, 'query'>,
  actor: Actor,
  helplineId: string,
  mediatorId: string,
) {
  requireRole(actor, helplineId, 'coordinator')
  const removed = await tx.query(
    `update call_mediator set removed_at = now() where id = $1 and helpline_id = $2 and removed_at is null`,
    [mediatorId, helplineId],
  )
  if (removed.rowCount !== 1) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Mediator not found')
  await recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action: 'call_mediator.removed',
    subjectType: 'call_mediator',
    subjectId: mediatorId,
  })
}
