// Keys derived from one master key that lives outside the database (env or key file): a dump of
// the database alone reveals no message text and no address.
//
// Everything about one person (their addresses, messages, files, notes, flags) is sealed under
// that person's own random data key, kept wrapped under the helpline's key in
// `keystore.contact_key`. Deleting that row destroys the key: every copy of their ciphertext left
// anywhere (a replica, a WAL archive, a database backup that excluded the keystore schema) can no
// longer be opened, even with the master key (crypto-shredding; docs/deployment.md, Backups).
// What belongs to no person (a channel's secrets, staff secrets) is sealed under a key derived
// for its scope.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto'

/** The first byte of a sealed value: which key it was sealed under. */
const SCOPE_KEY = 1
const CONTACT_KEY = 2
const IV_LENGTH = 12
const TAG_LENGTH = 16
/** Marks a provider id already hashed (keyring.hashProviderId): no provider's own id starts so. */
export const PROVIDER_ID_HASH_PREFIX = 'h:'

export type Sealer = {
  /** AES-256-GCM; `context` binds the ciphertext to its row (no swapping). */
  seal: (plaintext: string, context: string) => Buffer
  open: (sealed: Buffer, context: string) => string
  /** The same for bytes (a file a person sent). */
  sealBytes: (plaintext: Buffer, context: string) => Buffer
  openBytes: (sealed: Buffer, context: string) => Buffer
}

export type Keyring = {
  /** A keyed hash of an address (phone number, chat id, e-mail): the same address in two helplines hashes apart. */
  hashAddress: (helplineId: string, address: string) => Buffer
  /**
   * A keyed hash of a provider's message id, as stored (`h:` and base64url): ids carry the person
   * (Meta's wamid wraps the number, a Telegram id holds the chat id), so they are matched by this
   * for dedupe and status reports, and the id itself is kept only sealed.
   */
  hashProviderId: (channelId: string, providerId: string) => string
  /** A scope's own key: a helpline's (channel secrets), or 'staff-accounts'. */
  scope: (scopeId: string) => Sealer
  /** A new person's data key, wrapped under their helpline's key, for `keystore.contact_key`. */
  newContactKey: (helplineId: string, contactId: string) => Buffer
  /**
   * One person's sealer, from their wrapped key as stored. Without it (destroyed) nothing of
   * theirs opens. Values sealed under the helpline's key before per-contact keys still open.
   */
  contact: (helplineId: string, contactId: string, wrappedKey: Buffer | null) => Sealer
}

export class KeyDestroyedError extends Error {
  constructor() {
    super("This person's key was destroyed: their data cannot be opened")
  }
}

function gcmSeal(version: number, key: KeyObject, plaintext: Buffer, context: string) {
  const iv = randomBytes(IV_LENGTH)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([Buffer.of(version), iv, cipher.getAuthTag(), body])
}

function gcmOpen(key: KeyObject, sealed: Buffer, context: string) {
  const iv = sealed.subarray(1, 1 + IV_LENGTH)
  const tag = sealed.subarray(1 + IV_LENGTH, 1 + IV_LENGTH + TAG_LENGTH)
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAAD(Buffer.from(context))
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(sealed.subarray(1 + IV_LENGTH + TAG_LENGTH)), decipher.final()])
}

function sealerOf(sealBytes: Sealer['sealBytes'], openBytes: Sealer['openBytes']): Sealer {
  return {
    seal: (plaintext, context) => sealBytes(Buffer.from(plaintext, 'utf8'), context),
    open: (sealed, context) => openBytes(sealed, context).toString('utf8'),
    sealBytes,
    openBytes,
  }
}

export function createKeyring(masterKey: Buffer): Keyring {
  if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes')
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32))
  const hashKey = createSecretKey(derive('ascolto/address-hash/v1'))
  const providerIdKey = createSecretKey(derive('ascolto/provider-id-hash/v1'))
  // as KeyObjects, made once: a cipher made from one skips importing the raw key every time
  const scopeKeys = new Map<string, KeyObject>()
  const scopeKey = (scopeId: string) => {
    let key = scopeKeys.get(scopeId)
    if (!key) {
      key = createSecretKey(derive(`ascolto/helpline/${scopeId}/v1`))
      scopeKeys.set(scopeId, key)
    }
    return key
  }
  const openScoped = (scopeId: string, sealed: Buffer, context: string) => {
    if (sealed[0] !== SCOPE_KEY) throw new Error(`Unknown sealed format ${sealed[0]}`)
    return gcmOpen(scopeKey(scopeId), sealed, context)
  }
  const scope = (scopeId: string) =>
    sealerOf(
      (plaintext, context) => gcmSeal(SCOPE_KEY, scopeKey(scopeId), plaintext, context),
      (sealed, context) => openScoped(scopeId, sealed, context),
    )
  const wrapContext = (contactId: string) => `contact-key:${contactId}`

  return {
    hashAddress: (helplineId, address) =>
      createHmac('sha256', hashKey).update(helplineId).update('\0').update(address).digest(),
    hashProviderId: (channelId, providerId) =>
      `${PROVIDER_ID_HASH_PREFIX}${createHmac('sha256', providerIdKey).update(channelId).update('\0').update(providerId).digest('base64url')}`,
    scope,
    newContactKey: (helplineId, contactId) =>
      gcmSeal(SCOPE_KEY, scopeKey(helplineId), randomBytes(32), wrapContext(contactId)),
    contact: (helplineId, contactId, wrappedKey) => {
      const key = wrappedKey && createSecretKey(openScoped(helplineId, wrappedKey, wrapContext(contactId)))
      return sealerOf(
        (plaintext, context) => {
          if (!key) throw new KeyDestroyedError()
          return gcmSeal(CONTACT_KEY, key, plaintext, context)
        },
        (sealed, context) => {
          if (sealed[0] === SCOPE_KEY) return openScoped(helplineId, sealed, context)
          if (sealed[0] !== CONTACT_KEY) throw new Error(`Unknown sealed format ${sealed[0]}`)
          if (!key) throw new KeyDestroyedError()
          return gcmOpen(key, sealed, context)
        },
      )
    },
  }
}
