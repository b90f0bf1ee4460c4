// A passkey as the second step of a sign-in, in place of the app's code. The options are handed
// out only once the password is proven (sessions.ts), their challenge tied to that account; the
// answer must sign that challenge, for this server's origin, with one of the account's own
// passkeys, and with a counter that went forward (one that goes back is a cloned authenticator).
import type { Queryable } from '@ascolto/db'
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server'
import { CHALLENGE_MINUTES, type RelyingParty, saveChallenge, takeChallenge } from './webauthn-challenges.ts'

/** Options for navigator.credentials.get() naming the account's passkeys; none when it has none. */
export async function passkeySignInOptions(
  db: Queryable,
  rp: RelyingParty,
  userId: string,
): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
  const { rows } = await db.query<{ credential_id: string; transports: string[] }>(
    'select credential_id, transports from user_passkey where user_id = $1',
    [userId],
  )
  if (rows.length === 0) return undefined
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    timeout: CHALLENGE_MINUTES * 60_000,
    userVerification: 'preferred',
    allowCredentials: rows.map((p) => ({ id: p.credential_id, transports: p.transports })),
  })
  await saveChallenge(db, options.challenge, { purpose: 'sign_in', userId })
  return options
}

/** True when the answer proves one of this user's passkeys; its counter and last use move on. */
export async function checkPasskey(
  db: Queryable,
  rp: RelyingParty,
  userId: string,
  response: AuthenticationResponseJSON,
): Promise<boolean> {
  const { rows } = await db.query<{ id: string; public_key: Buffer; counter: string; transports: string[] }>(
    'select id, public_key, counter, transports from user_passkey where credential_id = $1 and user_id = $2',
    [response.id, userId],
  )
  const passkey = rows[0]
  const challenge = await takeChallenge(db, { purpose: 'sign_in', userId }, response.response.clientDataJSON)
  if (!passkey || !challenge) return false
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: response.id,
      publicKey: new Uint8Array(passkey.public_key),
      counter: Number(passkey.counter),
      transports: passkey.transports,
    },
    requireUserVerification: false,
  }).catch(() => undefined)
  if (!verification?.verified) return false
  const { newCounter } = verification.authenticationInfo
  // the counter checked again as it is written: two answers racing cannot both move it
  const { rowCount } = await db.query(
    `update user_passkey set counter = $2, last_used_at = now()
      where id = $1 and (counter < $2 or (counter = 0 and $2 = 0))`,
    [passkey.id, newCounter],
  )
  return rowCount === 1
}
