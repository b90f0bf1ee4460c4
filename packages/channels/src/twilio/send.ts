// Replies as SMS through Twilio's REST API: POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json
// (a form: To, From, Body, StatusCallback) with basic auth (account SID, auth token). The answer's
// `sid` is the provider id; status callbacks then move the reply to sent, delivered or failed.
// What Twilio answers decides what the outbox does next: a throttle, a server error or a time-out
// is tried again later; a refusal no retry can change (the person opted out with STOP, 21610; not
// a number, 21211; not reachable by SMS, 21614) fails at once with Twilio's code, which the
// console shows the volunteer.
import { ChannelSendError, type SendResult } from '../kit/contract.ts'
import { type TwilioConfig, webhookUrlOf } from './config.ts'

/** Well under the outbox lease (20 s): a send that hangs is abandoned before its row is taken again. */
export const SEND_TIMEOUT_MS = 10_000
/** Twilio refuses longer bodies (21617); they are split by Twilio into segments below this. */
export const MAX_BODY = 1600

/**
 * Codes where waiting helps: too many requests (20429, 14107 and 30022 rate limits), Twilio's
 * own trouble (20500, 20503, 30001 queue overflow) and a rejected auth token (20003): an
 * administrator fixes the token, and the replies waiting in the outbox then go out.
 */
const RETRYABLE = new Set([20003, 20429, 14107, 30022, 20500, 20503, 30001])

export const messagesUrl = (config: TwilioConfig) =>
  `${config.apiBaseUrl}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`

export const basicAuth = (config: TwilioConfig, authToken: string) =>
  `Basic ${Buffer.from(`${config.accountSid}:${authToken}`).toString('base64')}`

/** What an answer other than success means for the outbox. */
export function sendErrorOf(status: number, body: unknown): ChannelSendError {
  const code =
    typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'number'
      ? (body as { code: number }).code
      : undefined
  if (code !== undefined) {
    const retryable = RETRYABLE.has(code) || status === 429 || status >= 500
    return new ChannelSendError(String(code), `Twilio answered ${status} with code ${code}`, retryable)
  }
  const retryable = status === 408 || status === 429 || status >= 500 || status === 401
  return new ChannelSendError(`HTTP_${status}`, `Twilio answered ${status}`, retryable)
}

/** A call to Twilio's API that a time-out or a lost connection ended: always worth trying again. */
export async function callTwilio(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError'
    throw new ChannelSendError(
      timedOut ? 'ASCOLTO_ERR_TIMEOUT' : 'ASCOLTO_ERR_NETWORK',
      timedOut ? 'Twilio did not answer in time' : 'Twilio could not be reached',
      true,
    )
  }
}

export async function sendTwilioSms(
  config: TwilioConfig,
  authToken: string,
  channelId: string,
  to: string,
  text: string,
): Promise<SendResult> {
  if (text.length > MAX_BODY) {
    throw new ChannelSendError('21617', `An SMS reply has at most ${MAX_BODY} characters`, false)
  }
  const form = new URLSearchParams({
    To: to,
    From: config.phoneNumber,
    Body: text,
    StatusCallback: webhookUrlOf(config, channelId),
  })
  // Twilio may have taken the message before the answer was lost: a retry can then send it
  // twice, which is better than a person never getting a reply
  const response = await callTwilio(
    messagesUrl(config),
    {
      method: 'POST',
      headers: {
        authorization: basicAuth(config, authToken),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
    },
    config.timeoutMs ?? SEND_TIMEOUT_MS,
  )
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (!response.ok) throw sendErrorOf(response.status, body)
  const sid = (body as { sid?: unknown } | undefined)?.sid
  if (typeof sid !== 'string' || !/^(SM|MM)[0-9a-f]{32}$/.test(sid)) {
    throw new ChannelSendError('ASCOLTO_ERR_BAD_RESPONSE', 'Twilio gave no message sid', false)
  }
  return { providerMessageId: sid }
}
