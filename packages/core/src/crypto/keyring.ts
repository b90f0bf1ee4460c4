// Keys derived from one master key that lives outside the database (env or key file): a dump of
// the database alone reveals no message text and no address.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

const VERSION = 1
const IV_LENGTH = 12
const TAG_LENGTH = 16

export type Keyring = {
  /** A keyed hash of an address (phone number, chat id, e-mail): the same address in two helplines hashes apart. */
  hashAddress: (helplineId: string, address: string) => Buffer
  /** AES-256-GCM under the helpline's key; `context` binds the ciphertext to its row (no swapping). */
  seal: (helplineId: string, plaintext: string, context: string) => Buffer
  open: (helplineId: string, sealed: Buffer, context: string) => string
  /** The same for bytes (a file a person sent). */
  sealBytes: (helplineId: string, plaintext: Buffer, context: string) => Buffer
  openBytes: (helplineId: string, sealed: Buffer, context: string) => Buffer
}

export function createKeyring(masterKey: Buffer): Keyring {
  if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes')
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32))
  const hashKey = derive('ascolto/address-hash/v1')
  const helplineKeys = new Map<string, Buffer>()
  const helplineKey = (helplineId: string) => {
    let key = helplineKeys.get(helplineId)
    if (!key) {
      key = derive(`ascolto/helpline/${helplineId}/v1`)
      helplineKeys.set(helplineId, key)
    }
    return key
  }

  const sealBytes = (helplineId: string, plaintext: Buffer, context: string) => {
    const iv = randomBytes(IV_LENGTH)
    const cipher = createCipheriv('aes-256-gcm', helplineKey(helplineId), iv)
    cipher.setAAD(Buffer.from(context))
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
    return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body])
  }

  const openBytes = (helplineId: string, sealed: Buffer, context: string) => {
    if (sealed[0] !== VERSION) throw new Error(`Unknown sealed format ${sealed[0]}`)
    const iv = sealed.subarray(1, 1 + IV_LENGTH)
    const tag = sealed.subarray(1 + IV_LENGTH, 1 + IV_LENGTH + TAG_LENGTH)
    const decipher = createDecipheriv('aes-256-gcm', helplineKey(helplineId), iv)
    decipher.setAAD(Buffer.from(context))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_LENGTH + TAG_LENGTH)), decipher.final()])
  }

  return {
    hashAddress: (helplineId, address) =>
      createHmac('sha256', hashKey).update(helplineId).update('\0').update(address).digest(),
    seal: (helplineId, plaintext, context) => sealBytes(helplineId, Buffer.from(plaintext, 'utf8'), context),
    open: (helplineId, sealed, context) => openBytes(helplineId, sealed, context).toString('utf8'),
    sealBytes,
    openBytes,
  }
}
