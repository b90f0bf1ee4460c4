// One call to the Graph API with the number's token, and what its answer means for the outbox: a
// throttle, a server error or a time-out is tried again later with backoff; a refusal that no
// retry can change (an undeliverable number, 131026; a bad parameter, 100) fails at once with
// Meta's code, which the console shows the volunteer; free text past the 24-hour window (131047)
// is neither: the reply is held until the person writes again.
import { ChannelSendError } from '../kit/contract.ts'
import type { WhatsAppConfig } from './config.ts'
import { isObject } from './json.ts'

/** Well under the outbox lease (20 s): a call that hangs is abandoned before its row is taken again. */
export const SEND_TIMEOUT_MS = 10_000

/**
 * Codes where waiting helps: throttles (4 app calls, 613 and 80007 account rate, 130429
 * throughput, 131056 pair rate, 131048 spam rate), temporary failures (1, 2, 131000, 131016,
 * 131057 maintenance, 133004), and an expired or revoked token (0, 190): an administrator
 * renews it, and the replies waiting in the outbox then go out instead of being lost.
 */
const RETRYABLE = new Set([
  0, 1, 2, 4, 17, 32, 190, 613, 80007, 130429, 131000, 131016, 131048, 131056, 131057, 133004,
])
/** "Re-engagement message": more than 24 hours since the person last wrote. */
export const OUTSIDE_WINDOW_CODE = 131047

/** What an answer other than success means for the outbox. */
export function sendErrorOf(status: number, body: unknown): ChannelSendError {
  const error = isObject(body) && isObject(body.error) ? body.error : undefined
  const code = typeof error?.code === 'number' ? error.code : undefined
  if (code !== undefined) {
    const retryable = RETRYABLE.has(code) || status === 429 || status >= 500
    return new ChannelSendError(String(code), `Cloud API answered ${status} with code ${code}`, retryable, {
      outsideWindow: code === OUTSIDE_WINDOW_CODE,
    })
  }
  const retryable = status === 408 || status === 429 || status >= 500
  return new ChannelSendError(`HTTP_${status}`, `Cloud API answered ${status}`, retryable)
}

type GraphRequest = { method: 'GET' | 'POST' | 'DELETE'; json?: unknown; form?: FormData }

export const graphUrl = (config: WhatsAppConfig, path: string) =>
  `${config.graphBaseUrl}/${config.apiVersion}/${path}`

/**
 * Fetches `url` with the bearer token; a network failure or a time-out is a retryable error.
 * Meta may have taken a message before the answer was lost: a retry can then send it twice,
 * which is better than a person never getting a reply.
 */
export async function graphFetch(
  config: WhatsAppConfig,
  accessToken: string,
  url: string,
  init: GraphRequest = { method: 'GET' },
): Promise<Response> {
  try {
    return await fetch(url, {
      method: init.method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      // a form sets its own multipart content type
      body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
      signal: AbortSignal.timeout(config.timeoutMs ?? SEND_TIMEOUT_MS),
      redirect: 'error',
    })
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError'
    throw new ChannelSendError(
      timedOut ? 'ASCOLTO_ERR_TIMEOUT' : 'ASCOLTO_ERR_NETWORK',
      timedOut ? 'The Cloud API did not answer in time' : 'The Cloud API could not be reached',
      true,
    )
  }
}

/** A JSON call to the Graph API: its body on success, a ChannelSendError otherwise. */
export async function graphJson(
  config: WhatsAppConfig,
  accessToken: string,
  path: string,
  init: GraphRequest = { method: 'GET' },
): Promise<unknown> {
  const response = await graphFetch(config, accessToken, graphUrl(config, path), init)
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (!response.ok) throw sendErrorOf(response.status, body)
  return body
}
