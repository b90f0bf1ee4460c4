// ALTCHA's proof of work before a report is taken (altcha-lib, the classic SHA-256 challenge its
// widget solves): the page asks for a challenge, its script finds the number, the report carries
// the solution. Privacy-friendly: nothing leaves for a third party, nothing identifies the person.
// The challenge is signed with a key derived from the master key (the same on every instance) and
// expires; a solution is taken once per instance (a replay elsewhere still paid for a challenge).
import type { Keyring } from '@ascolto/core'
import { createChallenge, verifySolution } from 'altcha-lib/v1'

/** How hard: the number is below this, found on average halfway (a second or two on an old phone). */
export const POW_MAX_NUMBER = 50_000
const EXPIRES_MS = 20 * 60_000

export function proofOfWork(keyring: Keyring) {
  // a keyed hash of a fixed word under the master key: a secret no file has to hold
  const hmacKey = (helplineId: string) =>
    keyring.hashAddress(helplineId, 'altcha-report-challenge').toString('hex')
  const spent = new Map<string, number>()

  return {
    challenge: (helplineId: string) =>
      createChallenge({
        hmacKey: hmacKey(helplineId),
        maxNumber: POW_MAX_NUMBER,
        // altcha-lib checks expiry by the machine's clock, not the helpline rules' clock
        expires: new Date(Date.now() + EXPIRES_MS),
      }),
    /**
     * Whether the solution is good, unexpired and not taken before; it is taken now, and given
     * back by `release` when the report it came with is refused (the person corrects and resends).
     */
    take: async (helplineId: string, payload: string) => {
      const ok = await verifySolution(payload, hmacKey(helplineId), true).catch(() => false)
      if (!ok) return false
      const now = Date.now()
      for (const [key, until] of spent) if (until < now) spent.delete(key)
      if (spent.has(payload)) return false
      spent.set(payload, now + EXPIRES_MS)
      return true
    },
    release: (payload: string) => {
      spent.delete(payload)
    },
  }
}
