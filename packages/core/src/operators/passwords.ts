import { hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's recommended memory cost (19 MiB, 2 passes).
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, options)

/** A hash to verify against when the account does not exist, so timing does not tell. */
let decoy: Promise<string> | undefined
export async function verifyPassword(passwordHash: string | undefined, password: string) {
  decoy ??= hashPassword('not a real password')
  const ok = await verify(passwordHash ?? (await decoy), password).catch(() => false)
  return ok && passwordHash !== undefined
}
