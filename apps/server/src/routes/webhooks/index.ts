// The providers' door: /webhooks/<kind>/<channelId>, an opaque id in the URL, never a token.
// Verify → persist idempotently → acknowledge: the signature is checked over the exact bytes
// received (this plugin reads every body as a raw buffer), the events are parsed whole before
// anything is stored, and the 200 goes out only once every message and status has committed.
// Anything the channel chooses not to take (another number, a group, a call) is still a 200, so
// the provider never retries it; only what was not signed (401), is not the provider's format
// (400), or cannot be checked yet (503: the channel's secrets are not configured) is refused.
// Past as many signed bodies in hand as the instance has shown it answers in 0.4 s (bodies-in-hand.ts,
// never fewer than ASCOLTO_WEBHOOKS_IN_FLIGHT), a body is refused at once with 503, before any of
// it is stored: the provider retries later, where a longer queue would hold it past its timeout.
// What is not signed is a 401 whatever the load: it never takes a place.
// A channel whose provider reads the answer (Twilio's TwiML) writes its own: each step of a call is
// recorded and answered (the phones to ring, the announcement, or message and voicemail) while the
// provider waits; a conference's reports (a mediator on the line) are recorded. Voicemails become
// call-back requests, transcriptions their text, STOP keywords an opt-out, after the ingest.
// The channel is read once and kept (channels/kept-channels.ts): a body of messages alone is taken
// with the kept one, which the ingest checks is still the saved one; anything else, a signature
// the kept secret does not match, or a channel changed since, is taken with the channel read anew.
import { ChannelConfigError, channelAdapters, WebhookPayloadError } from '@ascolto/channels'
import {
  AscoltoError,
  addTranscriptions,
  type KeptChannel,
  keptChannels,
  openCallbackRequests,
  receiveChannelEvents,
  recordCallStep,
  recordConferenceEvent,
  recordOptOuts,
  StaleChannelError,
} from '@ascolto/core'
import { ErrorView, Uuid } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { FLOOD_LIMITS, floodCheck } from '../../plugins/flood-limits.ts'
import { bodiesInHand } from './bodies-in-hand.ts'

const ByChannel = Type.Object({ kind: Type.String({ pattern: '^[a-z][a-z0-9_]{1,30}$' }), channelId: Uuid })
const Received = Type.Object({ received: Type.Literal(true) })
const errors = {
  400: ErrorView,
  401: ErrorView,
  403: ErrorView,
  404: ErrorView,
  413: ErrorView,
  429: ErrorView,
  503: ErrorView,
}
/** Meta's largest payloads are a few megabytes; a bigger body is refused with 413. */
const BODY_LIMIT = 3 * 1024 * 1024
/**
 * Messages, reports and transcriptions one body may carry: Meta batches up to 100, Twilio and
 * Telegram send one. Past it the body is refused whole (413, nothing stored): a signed body of
 * thousands is not a provider's, and would hold its request for minutes.
 */
export const WEBHOOK_EVENTS_PER_BODY = 200

// what is missing goes to the log, for the administrator: the caller learns only that it is
function notConfigured(request: FastifyRequest, reply: FastifyReply, error: ChannelConfigError) {
  request.log.warn({ problems: error.problems }, 'webhook for a channel that is not configured')
  return reply.status(503).send({
    code: 'ASCOLTO_ERR_CHANNEL_NOT_CONFIGURED',
    message: 'This channel cannot check requests yet: its secrets are not configured',
  })
}

export const webhookRoutes: FastifyPluginAsyncTypebox<AppContext> = async (
  app,
  { pool, services, config },
) => {
  // the URL as the provider called it, behind Ascolto's proxy: what Twilio signs
  const publicBase = config.publicUrl.replace(/\/+$/, '')

  // inside this plugin only: the body stays the bytes the provider signed
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
  })
  // before the channel is looked up: an unsigned flood from one address costs no database work
  app.addHook('onRequest', floodCheck(app, FLOOD_LIMITS.webhookPerAddress))

  type Receiver = NonNullable<(typeof channelAdapters)[string]['webhook']>
  const channels = keptChannels(pool, services.keyring)

  async function connectionOf(kind: string, channelId: string, options: { fresh?: boolean } = {}) {
    const receiver = channelAdapters[kind]?.webhook
    if (!receiver) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Channel not found')
    return { receiver, connection: await channels.get(channelId, kind, options) }
  }

  app.get(
    '/webhooks/:kind/:channelId',
    {
      // the query carries the verify token: the request is not logged with its URL
      logLevel: 'warn',
      schema: { params: ByChannel, response: { 200: Type.String(), ...errors } },
    },
    async (request, reply) => {
      const { receiver, connection } = await connectionOf(request.params.kind, request.params.channelId, {
        fresh: true,
      })
      let answer: ReturnType<typeof receiver.handshake>
      try {
        answer = receiver.handshake(request.query as Record<string, unknown>, connection)
      } catch (error) {
        if (error instanceof ChannelConfigError) return notConfigured(request, reply, error)
        throw error
      }
      if (answer.status === 403) {
        request.log.warn({ channelId: connection.id }, 'webhook handshake refused')
        return reply
          .status(403)
          .send({ code: 'ASCOLTO_ERR_FORBIDDEN', message: 'The verify token does not match this channel' })
      }
      app.log.info({ channelId: connection.id }, 'webhook handshake answered')
      return reply.type('text/plain; charset=utf-8').send(answer.body)
    },
  )

  const inHand = bodiesInHand(config.webhooksInFlight)
  app.post(
    '/webhooks/:kind/:channelId',
    {
      bodyLimit: BODY_LIMIT,
      schema: { params: ByChannel, response: { 200: Type.Union([Received, Type.String()]), ...errors } },
    },
    async (request, reply) => receive(request, reply),
  )

  async function receive(
    request: FastifyRequest<{ Params: { kind: string; channelId: string } }>,
    reply: FastifyReply,
  ) {
    const { kind, channelId } = request.params
    // the kept channel first; read anew once where it would not do, twice if it changed meanwhile
    for (const fresh of [false, true, true]) {
      try {
        const { receiver, connection } = await connectionOf(kind, channelId, { fresh })
        return await receiveWith(request, reply, receiver, connection)
      } catch (error) {
        if (!(error instanceof StaleChannelError)) throw error
      }
    }
    reply.header('retry-after', '1')
    throw new AscoltoError('ASCOLTO_ERR_BUSY', 'The channel is being changed: retry later')
  }

  async function receiveWith(
    request: FastifyRequest,
    reply: FastifyReply,
    receiver: Receiver,
    connection: KeptChannel,
  ) {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    try {
      const url = `${publicBase}${request.url}`
      if (!receiver.verify({ headers: request.headers, rawBody, url }, connection)) {
        // signed with a secret saved since this instance read the channel?
        if (connection.kept) throw new StaleChannelError()
        request.log.warn({ channelId: connection.id }, 'webhook with a missing or wrong signature')
        return reply
          .status(401)
          .send({ code: 'ASCOLTO_ERR_UNAUTHENTICATED', message: 'Missing or wrong signature' })
      }
    } catch (error) {
      if (error instanceof ChannelConfigError) return notConfigured(request, reply, error)
      throw error
    }
    // refused before the body is even read: at saturation a refusal must cost next to nothing
    if (!inHand.take()) {
      reply.header('retry-after', '1')
      throw new AscoltoError('ASCOLTO_ERR_BUSY', 'Too many requests in hand: retry later')
    }
    try {
      let events: ReturnType<typeof receiver.parse>
      try {
        events = receiver.parse(rawBody, connection)
      } catch (error) {
        if (error instanceof ChannelConfigError) return notConfigured(request, reply, error)
        if (error instanceof WebhookPayloadError) {
          return reply.status(400).send({ code: 'ASCOLTO_ERR_VALIDATION', message: error.message })
        }
        throw error
      }
      // only the messages' ingest checks the channel it was given: the rest is taken with it read anew
      const messagesAlone =
        events.statuses.length === 0 && !events.transcriptions?.length && !events.call && !events.conference
      if (connection.kept && !messagesAlone) throw new StaleChannelError()
      const carried = events.messages.length + events.statuses.length + (events.transcriptions?.length ?? 0)
      if (carried > WEBHOOK_EVENTS_PER_BODY) {
        request.log.warn({ channelId: connection.id, carried }, 'webhook body over the events bound')
        throw new AscoltoError(
          'ASCOLTO_ERR_TOO_MANY_EVENTS',
          `One request may carry at most ${WEBHOOK_EVENTS_PER_BODY} messages and status reports`,
        )
      }
      return await store(request, reply, receiver, connection, events)
    } finally {
      inHand.done()
    }
  }

  async function store(
    request: FastifyRequest,
    reply: FastifyReply,
    receiver: Receiver,
    connection: KeptChannel,
    events: ReturnType<Receiver['parse']>,
  ) {
    const counts = await receiveChannelEvents({ pool, services }, connection, events)
    const optOuts = await recordOptOuts(pool, services, connection, events.messages)
    const voicemails = events.messages.filter((message) => message.kind === 'voicemail')
    const callbacks = voicemails.length
      ? await openCallbackRequests({ pool, services }, connection, voicemails)
      : 0
    const transcriptions = events.transcriptions?.length
      ? await addTranscriptions({ pool, services }, connection, events.transcriptions)
      : 0
    const call = events.call
      ? await recordCallStep({ pool, services }, connection, events.call, {
          fallbackPhone: receiver.fallbackPhone?.(connection) ?? null,
        })
      : undefined
    const conference = events.conference
      ? await recordConferenceEvent({ pool, services }, connection, events.conference)
      : undefined
    const ignored: Record<string, number> = {}
    for (const reason of events.ignored) ignored[reason] = (ignored[reason] ?? 0) + 1
    request.log.info(
      {
        channelId: connection.id,
        ...counts,
        ...(optOuts ? { optOuts } : {}),
        ...(callbacks ? { callbacks } : {}),
        ...(transcriptions ? { transcriptions } : {}),
        ...(events.call && call ? { call: `${events.call.step.kind}: ${call.action}` } : {}),
        ...(events.conference ? { conference: `${events.conference.event}: ${conference}` } : {}),
        ignored,
      },
      'webhook',
    )
    if (receiver.respond) {
      const answer = receiver.respond(events, connection, { call })
      return reply.type(answer.contentType).send(answer.body)
    }
    return { received: true as const }
  }
}
