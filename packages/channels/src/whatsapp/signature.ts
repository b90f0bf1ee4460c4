// Meta signs every webhook POST with the app secret: X-Hub-Signature-256: sha256=<hex of
// HMAC-SHA256 over the raw body>. The comparison is over the exact bytes received, in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-hub-signature-256'
const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/

/** The header value Meta sends for this body: also what the fake Cloud API signs its webhooks with. */
export function whatsappSignature(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`
}

export function isSignedBy(appSecret: string, rawBody: Buffer, header: string | string[] | undefined) {
  const match = typeof header === 'string' ? SIGNATURE.exec(header.trim()) : null
  if (!match?.[1]) return false
  const expected = createHmac('sha256', appSecret).update(rawBody).digest()
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'))
}

/** Equal strings, compared in a time that does not depend on where they first differ. */
export function sameSecret(given: string, expected: string) {
  const a = createHmac('sha256', 'ascolto/compare').update(given).digest()
  const b = createHmac('sha256', 'ascolto/compare').update(expected).digest()
  return timingSafeEqual(a, b)
}
