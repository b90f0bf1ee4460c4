// What several channels check the same way in their settings, and how a send reports a
// connection an administrator has to fix.
import { ChannelConfigError, ChannelSendError } from './contract.ts'

/** An http(s) URL without a query or a fragment: a provider's API base, Ascolto's public address. */
export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === ''
  } catch {
    return false
  }
}

/**
 * Reads a connection's settings and secrets for a send: a broken connection is fixed by an
 * administrator, so it is a retryable failure and what waits in the outbox goes out then.
 */
export function usableConnection<T>(read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof ChannelConfigError) {
      throw new ChannelSendError('ASCOLTO_ERR_CHANNEL_CONFIG', error.message, true)
    }
    throw error
  }
}
