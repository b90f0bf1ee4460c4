// Telegram does not sign its webhooks: it sends back, in every request, the secret_token Ascolto
// gave setWebhook. It is compared in constant time; a request without it is not Telegram's.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SECRET_TOKEN_HEADER = 'x-telegram-bot-api-secret-token'

export function hasSecretToken(expected: string, header: string | string[] | undefined) {
  if (typeof header !== 'string' || header.length === 0) return false
  // digests of equal length, so the comparison's time says nothing about the secret
  const a = createHmac('sha256', 'ascolto/telegram').update(header).digest()
  const b = createHmac('sha256', 'ascolto/telegram').update(expected).digest()
  return timingSafeEqual(a, b)
}
