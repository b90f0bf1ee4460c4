// The code a web-chat person writes down to go on with their conversation later, from any device:
// nothing is kept on theirs (no cookie, no storage). Ten letters and digits, without those read
// one for another (0/O, 1/I/L): about 49 bits, so guessing it is hopeless at the pace the server
// allows (routes/widget/resume.ts). Only its keyed hash is stored (HMAC under the keyring's address
// key, with the helpline), on the person's identity on this door, for RESUME_CODE_DAYS; it works
// once. Resuming moves the identity to the new device's token: the old one reads nothing more.
import { randomInt } from 'node:crypto'
import { contactSealer } from '../contacts/contact-keys.ts'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { noteVisitorBack } from './visitor-presence.ts'

export const RESUME_CODE_DAYS = 7
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

type Channel = { id: string; helplineId: string }

const codeHash = (services: Services, channel: Channel, code: string) =>
  services.keyring.hashAddress(channel.helplineId, `resume-code:${channel.id}:${code}`)

/** The same code however it was written: in capitals or not, with its dash or without. */
export function normalizeResumeCode(code: string) {
  return code.toUpperCase().replace(/-/g, '')
}

/** A new code for the visitor's identity (the last one no longer works); "not found" before they wrote. */
export async function makeResumeCode(
  { tx, services }: { tx: Tx; services: Services },
  channel: Channel,
  token: string,
): Promise<{ code: string; until: Date }> {
  const code = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
  const { rows } = await tx.query<{ until: Date }>(
    `update contact_identity set resume_code_hash = $3,
            resume_code_until = $4::timestamptz + make_interval(days => $5)
      where channel_id = $1 and address_hash = $2 returning resume_code_until as until`,
    [
      channel.id,
      services.keyring.hashAddress(channel.helplineId, token),
      codeHash(services, channel, code),
      services.clock(),
      RESUME_CODE_DAYS,
    ],
  )
  const until = rows[0]?.until
  if (!until) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No conversation to continue yet')
  return { code: `${code.slice(0, 5)}-${code.slice(5)}`, until }
}

/**
 * The conversation of the code goes on with `token` (the new device's). An unknown, wrong, used or
 * expired code answers the same "not found"; so does a token that is already someone's.
 */
export async function resumeWithCode(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  channel: Channel,
  token: string,
  code: string,
): Promise<void> {
  const { tx, services } = context
  const { rows } = await tx.query<{ id: string; contact_id: string }>(
    `select id, contact_id from contact_identity
      where channel_id = $1 and resume_code_hash = $2 and resume_code_until > $3
        and not exists (select 1 from contact_identity t where t.channel_id = $1 and t.address_hash = $4)
      for update`,
    [
      channel.id,
      codeHash(services, channel, normalizeResumeCode(code)),
      services.clock(),
      services.keyring.hashAddress(channel.helplineId, token),
    ],
  )
  const identity = rows[0]
  if (!identity) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No conversation for this code')
  const sealer = await contactSealer(tx, services.keyring, { contactId: identity.contact_id })
  await tx.query(
    `update contact_identity set address_hash = $2, address_sealed = $3,
            resume_code_hash = null, resume_code_until = null
      where id = $1`,
    [
      identity.id,
      services.keyring.hashAddress(channel.helplineId, token),
      sealer.seal(token, `address:${channel.id}`),
    ],
  )
  await noteVisitorBack(context, channel, token)
}
