// Sending a text through the Cloud API: POST {base}/{version}/{phone-number-id}/messages with the
// bearer token. What Meta answers decides what the outbox does next: a throttle, a server error
// or a time-out is tried again later with backoff; a refusal that no retry can change (the 24-hour
// window closed, 131047; an undeliverable number, 131026; a bad parameter, 100) fails at once with
// Meta's code, which the console shows the volunteer.
import { ChannelSendError, type SendResult } from '../kit/contract.ts'
import type { WhatsAppConfig } from './config.ts'
import { isObject, listOf, stringOf } from './json.ts'

/** Well under the outbox lease (20 s): a send that hangs is abandoned before its row is taken again. */
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

const BSUID = /^[A-Z]{2}\.[A-Za-z0-9.]{1,140}$/

/** A business-scoped user id (e.g. IT.1234567890) rather than a phone number. */
export const isBusinessScopedUserId = (address: string) => BSUID.test(address)

export function messagesUrl(config: WhatsAppConfig) {
  return `${config.graphBaseUrl}/${config.apiVersion}/${encodeURIComponent(config.phoneNumberId)}/messages`
}

/** The request body: to a phone number with `to`, to a person known only by BSUID with `recipient`. */
export function textMessageBody(address: string, text: string) {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...(isBusinessScopedUserId(address) ? { recipient: address } : { to: address }),
    type: 'text',
    text: { preview_url: false, body: text },
  }
}

/** What an answer other than success means for the outbox. */
export function sendErrorOf(status: number, body: unknown): ChannelSendError {
  const error = isObject(body) && isObject(body.error) ? body.error : undefined
  const code = typeof error?.code === 'number' ? error.code : undefined
  if (code !== undefined) {
    const retryable = RETRYABLE.has(code) || status === 429 || status >= 500
    return new ChannelSendError(String(code), `Cloud API answered ${status} with code ${code}`, retryable)
  }
  const retryable = status === 408 || status === 429 || status >= 500
  return new ChannelSendError(`HTTP_${status}`, `Cloud API answered ${status}`, retryable)
}

export async function sendWhatsAppText(
  config: WhatsAppConfig,
  accessToken: string,
  to: string,
  text: string,
): Promise<SendResult> {
  let response: Response
  try {
    response = await fetch(messagesUrl(config), {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(textMessageBody(to, text)),
      signal: AbortSignal.timeout(config.timeoutMs ?? SEND_TIMEOUT_MS),
    })
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError'
    // Meta may have taken the message before the answer was lost: a retry can then send it twice,
    // which is better than a person never getting a reply
    throw new ChannelSendError(
      timedOut ? 'ASCOLTO_ERR_TIMEOUT' : 'ASCOLTO_ERR_NETWORK',
      timedOut ? 'The Cloud API did not answer in time' : 'The Cloud API could not be reached',
      true,
    )
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (!response.ok) throw sendErrorOf(response.status, body)
  const first = isObject(body) ? listOf(body.messages).find(isObject) : undefined
  const id = stringOf(first?.id, 256)
  if (!id) throw new ChannelSendError('ASCOLTO_ERR_BAD_RESPONSE', 'The Cloud API gave no message id', false)
  return { providerMessageId: id }
}
