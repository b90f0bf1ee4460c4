// The installation's own Ed25519 key pair, made on first use: the public key is what its
// coordinators give partner installations; the private key signs every request to them, and is
// stored sealed under a key derived from the master key like the installation's other secrets.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'

const SCOPE = 'installation'
const CONTEXT = 'installation-key:ed25519'

export type InstallationKey = { publicKey: string; privateKey: KeyObject }

/** The raw 32-byte Ed25519 public key, base64url: how keys are written in the partners list. */
export const publicKeyText = (key: KeyObject) => key.export({ format: 'jwk' }).x as string

export async function installationKey(db: Queryable, keyring: Keyring): Promise<InstallationKey> {
  const sealer = keyring.scope(SCOPE)
  let { rows } = await db.query<{ public_key: string; private_key_sealed: Buffer }>(
    'select public_key, private_key_sealed from installation_key',
  )
  if (!rows[0]) {
    const pair = generateKeyPairSync('ed25519')
    const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' })
    // two processes starting at once: the first key written is the one kept
    ;({ rows } = await db.query<{ public_key: string; private_key_sealed: Buffer }>(
      `with made as (
         insert into installation_key (public_key, private_key_sealed) values ($1, $2)
         on conflict (singleton) do nothing returning public_key, private_key_sealed)
       select * from made union all select public_key, private_key_sealed from installation_key`,
      [publicKeyText(pair.publicKey), sealer.sealBytes(pkcs8, CONTEXT)],
    ))
  }
  const row = rows[0]
  if (!row) throw new Error('The installation key was not stored')
  const privateKey = createPrivateKey({
    key: sealer.openBytes(row.private_key_sealed, CONTEXT),
    format: 'der',
    type: 'pkcs8',
  })
  return { publicKey: row.public_key, privateKey }
}
