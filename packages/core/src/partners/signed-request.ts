// Requests between installations are signed with HTTP Message Signatures (RFC 9421, through the
// http-message-signatures library) using Ed25519 (node:crypto): the signature covers the method,
// the path, and the body's SHA-256 as a Content-Digest field (RFC 9530), with a creation time, a
// random nonce, the key id (the sender's public key) and the algorithm as signature parameters.
// The exact form is in docs/referrals-between-installations.md. Checking the time window and
// the nonce's novelty is the caller's (accept-signed-request.ts), against the database.
import { createHash, createPublicKey, type KeyObject, randomBytes } from 'node:crypto'
import { createSigner, createVerifier, httpbis } from 'http-message-signatures'
import { AscoltoError } from '../errors.ts'

const ALG = 'ed25519'
const FIELDS = ['@method', '@path', 'content-digest']
const PARAMS = ['created', 'nonce', 'keyid', 'alg']

export const contentDigest = (body: Buffer | string) =>
  `sha-256=:${createHash('sha256').update(body).digest('base64')}:`

/** A partner's key as written in the partners list (raw, base64url) as node:crypto wants it. */
const publicKeyFrom = (text: string) =>
  createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: text }, format: 'jwk' })

/** The headers that sign a JSON request to `url`, made at `now`. */
export async function signRequest(input: {
  method: string
  url: string
  body: string
  key: { publicKey: string; privateKey: KeyObject }
  now: Date
}): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-digest': contentDigest(input.body),
  }
  const signed = await httpbis.signMessage(
    {
      key: createSigner(input.key.privateKey, ALG, input.key.publicKey),
      fields: FIELDS,
      params: PARAMS,
      paramValues: { created: input.now, nonce: randomBytes(16).toString('base64url') },
    },
    { method: input.method, url: input.url, headers },
  )
  return signed.headers as Record<string, string>
}

export type VerifiedSignature = { keyId: string; nonce: string; created: Date }

const refuse = (code: 'ASCOLTO_ERR_UNSIGNED' | 'ASCOLTO_ERR_BAD_SIGNATURE', message: string) =>
  new AscoltoError(code, message)

/**
 * Checks the request's one signature and its digest against the key `keyOf` finds for its key id
 * (null: nobody this side knows, ASCOLTO_ERR_UNKNOWN_PARTNER). Answers what the caller must still
 * check: the key, the nonce and the creation time.
 */
export async function verifySignedRequest(
  request: {
    method: string
    url: string
    headers: Record<string, string | string[] | undefined>
    body: Buffer
  },
  keyOf: (keyId: string) => Promise<string | null>,
): Promise<VerifiedSignature> {
  const header = (name: string) => {
    const value = request.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  }
  const signature = header('signature')
  const signatureInput = header('signature-input')
  if (!signature || !signatureInput) throw refuse('ASCOLTO_ERR_UNSIGNED', 'The request is not signed')
  if (header('content-digest') !== contentDigest(request.body)) {
    throw refuse('ASCOLTO_ERR_BAD_SIGNATURE', 'The Content-Digest does not match the body')
  }
  const seen: Array<Record<string, unknown>> = []
  let unknownKey = false
  let verified: boolean | null
  try {
    verified = await httpbis.verifyMessage(
      {
        requiredParams: PARAMS,
        requiredFields: FIELDS,
        // the time window is checked against the installation's clock below
        notAfter: Number.POSITIVE_INFINITY,
        keyLookup: async (params) => {
          seen.push(params)
          if (params.alg !== ALG || typeof params.keyid !== 'string') return null
          const key = await keyOf(params.keyid)
          if (!key) {
            unknownKey = true
            return null
          }
          return { id: params.keyid, algs: [ALG], verify: createVerifier(publicKeyFrom(key), ALG) }
        },
      },
      {
        method: request.method,
        url: request.url,
        headers: {
          signature,
          'signature-input': signatureInput,
          'content-digest': header('content-digest') ?? '',
        },
      },
    )
  } catch {
    throw refuse('ASCOLTO_ERR_BAD_SIGNATURE', 'The signature is malformed or does not cover what it must')
  }
  const [params] = seen
  if (seen.length !== 1 || !params) throw refuse('ASCOLTO_ERR_BAD_SIGNATURE', 'One signature is expected')
  if (unknownKey)
    throw new AscoltoError('ASCOLTO_ERR_UNKNOWN_PARTNER', 'No partner of this helpline has this key')
  if (verified !== true) throw refuse('ASCOLTO_ERR_BAD_SIGNATURE', 'The signature does not verify')
  const { keyid, nonce, created } = params
  const wellFormed = typeof nonce === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(nonce)
  if (
    typeof keyid !== 'string' ||
    !wellFormed ||
    !(created instanceof Date) ||
    Number.isNaN(created.getTime())
  ) {
    throw refuse('ASCOLTO_ERR_BAD_SIGNATURE', 'The signature parameters are malformed')
  }
  return { keyId: keyid, nonce, created }
}
