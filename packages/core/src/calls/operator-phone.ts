// An operator's own phone, where the calls of the helplines they serve ring: sealed like the other
// staff secrets (second-factor.ts), and found again by a keyed hash when that phone picks up a call.
// Only its owner reads or changes it; nobody else's screen ever shows it.
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'

const SEAL_SCOPE = 'staff-accounts'
const E164 = /^\+[1-9]\d{6,14}$/
const sealContext = (userId: string) => `user-phone:${userId}`

/** The keyed hash that finds an operator by the phone that picked up. */
export const operatorPhoneHash = (keyring: Services['keyring'], phone: string) =>
  keyring.hashAddress(SEAL_SCOPE, phone)

export function openOperatorPhone(keyring: Services['keyring'], userId: string, sealed: Buffer): string {
  return keyring.scope(SEAL_SCOPE).open(sealed, sealContext(userId))
}

export async function readOwnPhone(
  tx: Pick<Tx, 'query'>,
  services: Pick<Services, 'keyring'>,
  actor: Actor,
): Promise<string | null> {
  const { rows } = await tx.query<{ phone_sealed: Buffer | null }>(
    'select phone_sealed from app_user where id = $1',
    [actor.userId],
  )
  const sealed = rows[0]?.phone_sealed
  return sealed ? openOperatorPhone(services.keyring, actor.userId, sealed) : null
}

/** Sets (or, with null, removes) the operator's own phone; one phone belongs to one operator. */
export async function setOwnPhone(
  tx: Pick<Tx, 'query'>,
  services: Pick<Services, 'keyring'>,
  actor: Actor,
  input: string | null,
): Promise<string | null> {
  const phone = input?.replace(/[\s\-().]/g, '') || null
  if (phone !== null && !E164.test(phone)) {
    throw new AscoltoError(
      'ASCOLTO_ERR_VALIDATION',
      'phone: a number in international form, e.g. +393471234567',
    )
  }
  const hash = phone ? operatorPhoneHash(services.keyring, phone) : null
  const taken = hash
    ? await tx.query('select 1 from app_user where phone_hash = $1 and id <> $2', [hash, actor.userId])
    : { rowCount: 0 }
  if (taken.rowCount)
    throw new AscoltoError('ASCOLTO_ERR_PHONE_TAKEN', 'phone: another account has this number')
  await tx.query('update app_user set phone_sealed = $2, phone_hash = $3 where id = $1', [
    actor.userId,
    phone ? services.keyring.scope(SEAL_SCOPE).seal(phone, sealContext(actor.userId)) : null,
    hash,
  ])
  return phone
}
