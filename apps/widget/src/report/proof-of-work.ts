// ALTCHA's proof of work, solved in the page: the number below `maxnumber` whose SHA-256 with the
// salt is the challenge, found with the browser's own crypto (no library to download), in batches
// so an old phone stays responsive. The payload is what ALTCHA's widget sends (base64 JSON).
import type { ReportChallenge } from '@ascolto/protocol'

const BATCH = 500

const hex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')

export async function solveChallenge(challenge: ReportChallenge): Promise<string> {
  const encoder = new TextEncoder()
  const max = challenge.maxnumber ?? 1_000_000
  for (let start = 0; start <= max; start += BATCH) {
    const numbers = Array.from({ length: Math.min(BATCH, max - start + 1) }, (_, i) => start + i)
    const digests = await Promise.all(
      numbers.map((n) => crypto.subtle.digest('SHA-256', encoder.encode(`${challenge.salt}${n}`))),
    )
    const found = digests.findIndex((digest) => hex(digest) === challenge.challenge)
    if (found >= 0) {
      const { algorithm, salt, signature } = challenge
      return btoa(
        JSON.stringify({
          algorithm,
          challenge: challenge.challenge,
          number: numbers[found],
          salt,
          signature,
        }),
      )
    }
  }
  throw new Error('challenge not solved')
}
