// Logs carry ids, never content: no message text, phone number, e-mail address, token or IP
// address. Nothing logs bodies; the headers that carry secrets are censored in case a request is
// logged whole. A request is logged by its method and path only: no query (a webhook handshake
// carries its verify token there) and no client address, unless the installation asks for a
// truncated one for abuse handling (ASCOLTO_LOG_ADDRESSES=truncated: the /24 of IPv4, the /48
// of IPv6, which points at a network, not at a person's line).
import { isIPv4, isIPv6 } from 'node:net'
import type { Config } from '@ascolto/config'
import { type LoggerOptions, stdSerializers } from 'pino'

type LoggedRequest = { method?: string; url?: string; ip?: string }

export function loggerOptions(level: string, addresses: Config['logAddresses'] = 'none'): LoggerOptions {
  return {
    level,
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: request.url?.split('?')[0],
        ...(addresses === 'truncated' && request.ip ? { network: truncatedAddress(request.ip) } : {}),
      }),
      err: errorWithoutAddresses,
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.email',
        '*.text',
      ],
      censor: '[redacted]',
    },
  }
}

/** The network an address belongs to: `203.0.113.0/24`, `2001:db8:1::/48`; anything else, nothing. */
export function truncatedAddress(address: string): string | undefined {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`
  if (!isIPv6(address)) return undefined
  // expand "::" so the first three groups are the /48
  const [head = '', tail = ''] = address.split('::')
  const left = head ? head.split(':') : []
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : []
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  return `${groups.slice(0, 3).join(':')}::/48`
}

const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g

/**
 * A network error names the address it could not reach (a mail server's, a provider's): kept out
 * like any other, so the log scan need not tell a server's address from a person's.
 */
function errorWithoutAddresses(error: unknown) {
  const serialised = stdSerializers.err(error as Error) as unknown
  if (typeof serialised !== 'object' || serialised === null) return serialised
  const { address: _address, ...rest } = serialised as Record<string, unknown>
  const scrub = (text: unknown) => (typeof text === 'string' ? text.replace(IPV4, '[address]') : text)
  return { ...rest, message: scrub(rest.message), stack: scrub(rest.stack) }
}
