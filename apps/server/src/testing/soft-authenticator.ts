// A software authenticator for the tests: what a passkey does inside a browser, done with
// node:crypto (an EC P-256 key, ES256 signatures) and CBOR, with attestation "none". It answers
// the server's options as @simplewebauthn/browser would serialise a real authenticator's answer.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto'
import type { PasskeyCreationOptions, PasskeyRequestOptions } from '@ascolto/protocol'
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers'

const FLAG_USER_PRESENT = 0x01
const FLAG_USER_VERIFIED = 0x04
const FLAG_ATTESTED_DATA = 0x40

const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes))
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest()

export type SoftPasskey = {
  credentialId: Buffer
  privateKey: KeyObject
  /** The signature counter the next assertion reports (set it back to play a cloned key). */
  counter: number
}

type Ceremony = {
  /** The page's origin, as the browser would put it in clientDataJSON. */
  origin: string
  /** Another challenge than the one in the options (a replay, a forgery). */
  challenge?: string
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string) {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }))
}

/** navigator.credentials.create(): a new key pair, and the answer that registers it. */
export function createPasskey(options: Pick<PasskeyCreationOptions, 'rp' | 'challenge'>, ceremony: Ceremony) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = publicKey.export({ format: 'jwk' })
  const coseKey = new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, isoBase64URL.toBuffer(jwk.x ?? '')],
    [-3, isoBase64URL.toBuffer(jwk.y ?? '')],
  ])
  const credentialId = randomBytes(32)
  const idLength = Buffer.alloc(2)
  idLength.writeUInt16BE(credentialId.length)
  const authData = Buffer.concat([
    sha256(options.rp.id ?? ''),
    Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_DATA]),
    Buffer.alloc(4), // counter 0
    Buffer.alloc(16), // AAGUID: none
    idLength,
    credentialId,
    Buffer.from(isoCBOR.encode(coseKey)),
  ])
  const attestationObject = isoCBOR.encode(
    new Map<string, string | Uint8Array | Map<string, string>>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, string>()],
      ['authData', authData],
    ]),
  )
  const passkey: SoftPasskey = { credentialId, privateKey, counter: 1 }
  const response = {
    id: b64(credentialId),
    rawId: b64(credentialId),
    type: 'public-key' as const,
    response: {
      clientDataJSON: b64(
        clientData('webauthn.create', ceremony.challenge ?? options.challenge, ceremony.origin),
      ),
      attestationObject: b64(attestationObject),
      transports: ['internal'],
    },
    authenticatorAttachment: 'platform' as const,
    clientExtensionResults: {},
  }
  return { passkey, response }
}

/** navigator.credentials.get(): the passkey's signature over the options' challenge. */
export function usePasskey(passkey: SoftPasskey, options: PasskeyRequestOptions, ceremony: Ceremony) {
  const counter = Buffer.alloc(4)
  counter.writeUInt32BE(passkey.counter)
  passkey.counter += 1
  const authenticatorData = Buffer.concat([
    sha256(options.rpId ?? ''),
    Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED]),
    counter,
  ])
  const clientDataJSON = clientData('webauthn.get', ceremony.challenge ?? options.challenge, ceremony.origin)
  // ES256 as WebAuthn has it: DER-encoded ECDSA over authenticatorData ‖ SHA-256(clientDataJSON)
  const signature = sign(
    'sha256',
    Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
    passkey.privateKey,
  )
  return {
    id: b64(passkey.credentialId),
    rawId: b64(passkey.credentialId),
    type: 'public-key' as const,
    response: {
      clientDataJSON: b64(clientDataJSON),
      authenticatorData: b64(authenticatorData),
      signature: b64(signature),
    },
    authenticatorAttachment: 'platform' as const,
    clientExtensionResults: {},
  }
}
