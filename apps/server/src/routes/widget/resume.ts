// The code to continue a web chat from another device (core/widget/resume-code.ts). Guessing is
// throttled twice: per address (like the widget's other doors), and per door for wrong codes
// alone, whoever sends them, so a guesser spread over many addresses is held too; unknown, wrong,
// used and expired codes answer the same 404.
import { AscoltoError, makeResumeCode, resumeWithCode, type WidgetChannel } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { ErrorView, Uuid, WidgetResumeBody, WidgetResumeCode, WidgetResumed } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { FLOOD_LIMITS, floodCheck } from '../../plugins/flood-limits.ts'
import type { RoutePolicy } from '../../plugins/route-policies.ts'

const ByChannel = Type.Object({ channelId: Uuid })
const VisitorHeaders = Type.Object({ authorization: Type.String({ pattern: '^Bearer [A-Za-z0-9_-]{43}$' }) })
const errors = { 400: ErrorView, 403: ErrorView, 404: ErrorView, 429: ErrorView }
const visitor: RoutePolicy = { access: 'public', why: 'a visitor, by their own token and the channel id' }

/** Wrong codes one door takes in a window, from everyone together, per instance. */
export const WRONG_CODES_PER_DOOR = { max: 30, minutes: 10 }

const tokenOf = (authorization: string) => authorization.slice('Bearer '.length)

export const resumeRoutes: FastifyPluginAsyncTypebox<
  AppContext & { widgetChannel: (request: FastifyRequest, channelId: string) => Promise<WidgetChannel> }
> = async (app, { pool, services, widgetChannel }) => {
  const wrong = new Map<string, number[]>()
  const wrongLately = (channelId: string, at: number) =>
    (wrong.get(channelId) ?? []).filter((when) => at - when < WRONG_CODES_PER_DOOR.minutes * 60_000)

  app.post(
    '/api/widget/v1/channels/:channelId/resume-code',
    {
      config: { policy: visitor },
      schema: { params: ByChannel, headers: VisitorHeaders, response: { 200: WidgetResumeCode, ...errors } },
      preHandler: floodCheck(
        app,
        FLOOD_LIMITS.widgetPerVisitor,
        (request) => `${request.url}:${request.headers.authorization}`,
      ),
    },
    async (request) => {
      const { channel } = await widgetChannel(request, request.params.channelId)
      const made = await withTransaction(pool, (tx) =>
        makeResumeCode({ tx, services }, channel, tokenOf(request.headers.authorization)),
      )
      request.log.info('widget resume code made')
      return { code: made.code, until: made.until.toISOString() }
    },
  )

  app.post(
    '/api/widget/v1/channels/:channelId/resume',
    {
      config: { policy: visitor },
      bodyLimit: 1024,
      schema: {
        params: ByChannel,
        headers: VisitorHeaders,
        body: WidgetResumeBody,
        response: { 200: WidgetResumed, ...errors },
      },
      preHandler: floodCheck(app, FLOOD_LIMITS.resumePerAddress),
    },
    async (request) => {
      const { channel } = await widgetChannel(request, request.params.channelId)
      const now = Date.now()
      const recent = wrongLately(channel.id, now)
      if (recent.length >= WRONG_CODES_PER_DOOR.max)
        throw new AscoltoError('ASCOLTO_ERR_RATE_LIMITED', 'Too many wrong codes: try again later')
      try {
        await withTransaction(pool, (tx, afterCommit) =>
          resumeWithCode(
            { tx, afterCommit, services },
            channel,
            tokenOf(request.headers.authorization),
            request.body.code,
          ),
        )
      } catch (error) {
        if (error instanceof AscoltoError && error.code === 'ASCOLTO_ERR_NOT_FOUND')
          wrong.set(channel.id, [...recent, now])
        request.log.info('widget resume code refused')
        throw error
      }
      request.log.info('widget conversation resumed')
      return { resumed: true as const }
    },
  )
}
