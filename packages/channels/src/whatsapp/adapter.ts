// WhatsApp Business Cloud API: Meta calls /webhooks/whatsapp/<channelId> (a GET handshake, then
// signed POSTs with messages and statuses); replies go out through the Graph API. See README.md.
import { type ChannelAdapter, ChannelConfigError, ChannelSendError } from '../kit/contract.ts'
import { configOf, secretOf } from './config.ts'
import { parseWhatsAppWebhook } from './parse-webhook.ts'
import { sendWhatsAppText } from './send.ts'
import { isSignedBy, SIGNATURE_HEADER, sameSecret } from './signature.ts'

/** Meta's challenge is a number; anything else is not echoed (the answer is the request's own text). */
const CHALLENGE = /^[A-Za-z0-9_-]{1,128}$/

export const whatsappAdapter = {
  kind: 'whatsapp',
  // media arrives (its id is kept) but is neither downloaded nor sent yet
  capabilities: { media: false, typing: false, readReceipts: true },

  send: async (connection, to, message) => {
    let config: ReturnType<typeof configOf>
    let accessToken: string
    try {
      config = configOf(connection)
      accessToken = secretOf(connection, 'accessToken')
    } catch (error) {
      // a broken connection is fixed by an administrator: the reply waits in the outbox meanwhile
      if (error instanceof ChannelConfigError) {
        throw new ChannelSendError('ASCOLTO_ERR_CHANNEL_CONFIG', error.message, true)
      }
      throw error
    }
    return sendWhatsAppText(config, accessToken, to, message.text)
  },

  webhook: {
    handshake: (query, connection) => {
      const verifyToken = secretOf(connection, 'verifyToken')
      const token = query['hub.verify_token']
      const challenge = query['hub.challenge']
      if (
        query['hub.mode'] === 'subscribe' &&
        typeof token === 'string' &&
        sameSecret(token, verifyToken) &&
        typeof challenge === 'string' &&
        CHALLENGE.test(challenge)
      ) {
        return { status: 200, body: challenge }
      }
      return { status: 403 }
    },
    verify: (request, connection) =>
      isSignedBy(secretOf(connection, 'appSecret'), request.rawBody, request.headers[SIGNATURE_HEADER]),
    parse: (rawBody, connection) => parseWhatsAppWebhook(rawBody, configOf(connection).phoneNumberId),
  },
} satisfies ChannelAdapter
