// Telegram: a helpline's bot. Telegram calls /webhooks/telegram/<channelId> with each Update,
// with the secret Ascolto chose in X-Telegram-Bot-Api-Secret-Token (set by `ascolto
// connect-telegram` through setWebhook); replies go out through the Bot API. See README.md.
import { usableConnection } from '../kit/connection-checks.ts'
import type { ChannelAdapter } from '../kit/contract.ts'
import { configOf, secretOf } from './config.ts'
import { eraseTelegramCopies } from './erase-copies.ts'
import { fetchTelegramMedia } from './fetch-media.ts'
import { parseTelegramWebhook } from './parse-webhook.ts'
import { hasSecretToken, SECRET_TOKEN_HEADER } from './secret-token.ts'
import { sendTelegramText } from './send.ts'

export const telegramAdapter = {
  kind: 'telegram',
  capabilities: { media: false, typing: false, readReceipts: false },

  send: async (connection, to, message) => {
    const [config, token] = usableConnection(
      () => [configOf(connection), secretOf(connection, 'botToken')] as const,
    )
    return sendTelegramText(config, token, to, message.text)
  },

  fetchMedia: async (connection, media, limits) => {
    const [config, token] = usableConnection(
      () => [configOf(connection), secretOf(connection, 'botToken')] as const,
    )
    return fetchTelegramMedia(config, token, media, limits)
  },

  eraseCopies: async (connection, { messageIds }) => {
    const [config, token] = usableConnection(
      () => [configOf(connection), secretOf(connection, 'botToken')] as const,
    )
    return eraseTelegramCopies(config, token, messageIds)
  },

  webhook: {
    // Telegram has no handshake: setWebhook is Ascolto's call to Telegram
    handshake: () => ({ status: 403 }),
    verify: (request, connection) =>
      hasSecretToken(secretOf(connection, 'webhookSecret'), request.headers[SECRET_TOKEN_HEADER]),
    parse: (rawBody) => parseTelegramWebhook(rawBody),
  },
} satisfies ChannelAdapter
