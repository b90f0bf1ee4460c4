// WhatsApp Business Cloud API: Meta calls /webhooks/whatsapp/<channelId> (a GET handshake, then
// signed POSTs with messages and statuses); replies, templates, read receipts and file downloads
// go through the Graph API. See README.md.
import {
  type ChannelAdapter,
  ChannelConfigError,
  type ChannelConnection,
  ChannelSendError,
} from '../kit/contract.ts'
import { configOf, DEFAULT_MAX_PER_SECOND, secretOf, type WhatsAppConfig } from './config.ts'
import { deleteWhatsAppMedia, fetchWhatsAppMedia } from './media.ts'
import { parseWhatsAppWebhook } from './parse-webhook.ts'
import { markWhatsAppRead, sendWhatsAppMedia, sendWhatsAppTemplate, sendWhatsAppText } from './send.ts'
import { isSignedBy, SIGNATURE_HEADER, sameSecret } from './signature.ts'

/** Meta's challenge is a number; anything else is not echoed (the answer is the request's own text). */
const CHALLENGE = /^[A-Za-z0-9_-]{1,128}$/

/** The settings and token a call needs; a broken connection waits in the outbox for an administrator. */
function callerOf(connection: ChannelConnection): { config: WhatsAppConfig; accessToken: string } {
  try {
    return { config: configOf(connection), accessToken: secretOf(connection, 'accessToken') }
  } catch (error) {
    if (error instanceof ChannelConfigError) {
      throw new ChannelSendError('ASCOLTO_ERR_CHANNEL_CONFIG', error.message, true)
    }
    throw error
  }
}

/** Stored settings read without throwing: a broken row is reported when a call is made. */
const settingsOf = (connection: ChannelConnection) => connection.config as Partial<WhatsAppConfig>

export const whatsappAdapter = {
  kind: 'whatsapp',
  capabilities: { media: true, typing: false, readReceipts: true, replyWindowHours: 24 },

  send: async (connection, to, message) => {
    const { config, accessToken } = callerOf(connection)
    if (message.media) return sendWhatsAppMedia(config, accessToken, to, message.media, message.text)
    if (!message.template) return sendWhatsAppText(config, accessToken, to, message.text)
    if (!config.template) {
      throw new ChannelSendError('ASCOLTO_ERR_NO_TEMPLATE', 'No template is configured', false)
    }
    return sendWhatsAppTemplate(config, accessToken, to, config.template)
  },

  fetchMedia: async (connection, media, limits) => {
    const { config, accessToken } = callerOf(connection)
    return fetchWhatsAppMedia(config, accessToken, media, limits)
  },

  // Meta keeps no message for Ascolto to delete, only files: those the person sent, those uploaded
  eraseCopies: async (connection, { mediaIds }) => {
    const { config, accessToken } = callerOf(connection)
    await deleteWhatsAppMedia(config, accessToken, mediaIds)
  },

  sendsReadReceipts: (connection) => settingsOf(connection).markAsRead === true,

  markRead: async (connection, providerMessageId) => {
    const { config, accessToken } = callerOf(connection)
    await markWhatsAppRead(config, accessToken, providerMessageId)
  },

  pace: (connection) => settingsOf(connection).maxPerSecond ?? DEFAULT_MAX_PER_SECOND,

  reopeningTemplate: (connection) => {
    const template = settingsOf(connection).template
    return template?.text ? { text: template.text } : null
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
