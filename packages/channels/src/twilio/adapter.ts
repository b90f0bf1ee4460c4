// Twilio: SMS and MMS in and out, and the phone: a call in hours is forwarded to the on-shift
// phone, out of hours the caller leaves a voicemail that becomes a call-back request. Twilio
// calls /webhooks/twilio/<channelId> for everything (signed with the auth token over the public
// URL and the form); replies go out through the REST API. See README.md.
import { usableConnection } from '../kit/connection-checks.ts'
import { type ChannelAdapter, WebhookPayloadError } from '../kit/contract.ts'
import { addConferenceParticipant, moveLegToConference, removeConferenceParticipant } from './conference.ts'
import { authTokenOf, configOf, webhookUrlOf } from './config.ts'
import { eraseTwilioCopies } from './erase-copies.ts'
import { fetchTwilioMedia } from './fetch-media.ts'
import { parseTwilioWebhook } from './parse-webhook.ts'
import { sendTwilioSms } from './send.ts'
import { formOf, isSignedByTwilio, TWILIO_SIGNATURE_HEADER } from './signature.ts'
import { twimlFor } from './twiml.ts'

export const twilioAdapter = {
  kind: 'twilio',
  // MMS media arrives (its id is kept) and is fetched by the worker; replies are text only
  capabilities: { media: false, typing: false, readReceipts: false, calls: true },

  send: async (connection, to, message) => {
    const [config, authToken] = usableConnection(
      () => [configOf(connection), authTokenOf(connection)] as const,
    )
    return sendTwilioSms(config, authToken, connection.id, to, message.text)
  },

  fetchMedia: async (connection, media, limits) => {
    const [config, authToken] = usableConnection(
      () => [configOf(connection), authTokenOf(connection)] as const,
    )
    return fetchTwilioMedia(config, authToken, media, limits)
  },

  // a message's media go with it; a voicemail's recording is its message
  eraseCopies: async (connection, { messageIds }) => {
    const [config, authToken] = usableConnection(
      () => [configOf(connection), authTokenOf(connection)] as const,
    )
    return eraseTwilioCopies(config, authToken, messageIds)
  },

  // a mediator on the line: the call runs as a conference from then on (conference.ts)
  conference: {
    move: async (connection, operatorLegId, room) => {
      const [config, authToken] = usableConnection(
        () => [configOf(connection), authTokenOf(connection)] as const,
      )
      await moveLegToConference(config, authToken, webhookUrlOf(config, connection.id), operatorLegId, room)
    },
    add: async (connection, conferenceId, to, label) => {
      const [config, authToken] = usableConnection(
        () => [configOf(connection), authTokenOf(connection)] as const,
      )
      return addConferenceParticipant(config, authToken, conferenceId, to, label)
    },
    remove: async (connection, conferenceId, legId) => {
      const [config, authToken] = usableConnection(
        () => [configOf(connection), authTokenOf(connection)] as const,
      )
      await removeConferenceParticipant(config, authToken, conferenceId, legId)
    },
  },

  webhook: {
    // Twilio has no subscription handshake: a GET is not Twilio's
    handshake: () => ({ status: 403 }),
    verify: (request, connection) => {
      const form = formOf(request.rawBody)
      return isSignedByTwilio(
        authTokenOf(connection),
        request.url,
        form,
        request.headers[TWILIO_SIGNATURE_HEADER],
      )
    },
    parse: (rawBody, connection) => {
      const config = configOf(connection)
      if (rawBody.length === 0) throw new WebhookPayloadError('The body is empty')
      return parseTwilioWebhook(formOf(rawBody), config, new Date())
    },
    fallbackPhone: (connection) => configOf(connection).forwardTo ?? null,
    respond: (_events, connection, { call }) => {
      const config = configOf(connection)
      return {
        contentType: 'text/xml',
        body: twimlFor(config, webhookUrlOf(config, connection.id), call),
      }
    },
  },
} satisfies ChannelAdapter
