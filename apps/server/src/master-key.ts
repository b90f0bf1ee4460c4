// The master key from which every helpline's keys are derived. It lives outside the database:
// ASCOLTO_MASTER_KEY (or _FILE), or a key file in the data folder made on first start.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '@ascolto/config'

export async function loadMasterKey(config: Config, warn: (message: string) => void): Promise<Buffer> {
  if (config.masterKey) return Buffer.from(config.masterKey, 'hex')
  const keyFile = path.join(config.dataDir, 'master.key')
  if (existsSync(keyFile)) {
    const hex = (await readFile(keyFile, 'utf8')).trim()
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${keyFile} does not hold a 64-digit hex key`)
    return Buffer.from(hex, 'hex')
  }
  const key = randomBytes(32)
  await writeFile(keyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  warn(
    `A new master key was written to ${keyFile}. Without it the messages cannot be read: ` +
      'back it up, and keep it apart from the database backups.',
  )
  return key
}
