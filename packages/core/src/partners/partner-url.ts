// Where a partner installation is reached: over HTTPS; plain HTTP only on this machine's loopback
// (two installations side by side in a test), where nothing crosses a network.
import { AscoltoError } from '../errors.ts'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The URL, normalised without a trailing slash, or ASCOLTO_ERR_VALIDATION saying what is wrong. */
export function partnerUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'The partner address is not a URL')
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname)
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A partner is reached over https')
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AscoltoError(
      'ASCOLTO_ERR_VALIDATION',
      'A partner address carries no credentials, query or fragment',
    )
  }
  return url.href.replace(/\/+$/, '')
}
