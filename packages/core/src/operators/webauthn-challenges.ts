// The challenges of WebAuthn ceremonies, kept in the database so that any instance can finish a
// ceremony another began. Each is used once: the answer that names it deletes it, whatever the outcome.
import type { Queryable } from '@ascolto/db'
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers'

/** Long enough to read the prompt and touch a key; short enough that a stolen one is stale. */
export const CHALLENGE_MINUTES = 5

/** Who the server is to authenticators: its configured public URL, never a request's Host header. */
export type RelyingParty = { id: string; origin: string; name: string }

export function relyingPartyOf(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl)
  return { id: url.hostname, origin: url.origin, name: 'Ascolto' }
}

type Owner =
  | { purpose: 'registration'; userId: string; sessionHash: Buffer }
  | { purpose: 'sign_in'; userId: string }

/** Records a challenge (base64url, as it goes into the options) for this owner. */
export async function saveChallenge(db: Queryable, challenge: string, owner: Owner) {
  // expired ones go as new ones come: the table stays as small as the ceremonies in progress
  await db.query('delete from webauthn_challenge where expires_at <= now()')
  await db.query(
    `insert into webauthn_challenge (challenge, purpose, user_id, session_hash, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [
      challenge,
      owner.purpose,
      owner.userId,
      owner.purpose === 'registration' ? owner.sessionHash : null,
      CHALLENGE_MINUTES,
    ],
  )
}

/**
 * The challenge the browser signed, taken out of the table before anything else is checked, so it
 * is used once whatever the outcome; undefined unless it is a live one of this very owner (a
 * registration's: of this session too).
 */
export async function takeChallenge(db: Queryable, owner: Owner, clientDataJSON: string) {
  let challenge: string
  try {
    challenge = decodeClientDataJSON(clientDataJSON).challenge
  } catch {
    return undefined
  }
  if (typeof challenge !== 'string' || !isoBase64URL.isBase64URL(challenge)) return undefined
  const { rowCount } = await db.query(
    `delete from webauthn_challenge
      where challenge = $1 and purpose = $2 and user_id = $3 and expires_at > now()
        and session_hash is not distinct from $4`,
    [challenge, owner.purpose, owner.userId, owner.purpose === 'registration' ? owner.sessionHash : null],
  )
  return rowCount === 1 ? challenge : undefined
}
