// "Segnala": the report form's door, beside the web chat's (registered inside the widget routes,
// so the same origin list, per-address limit and no-store apply). The form, a proof-of-work
// challenge, the report (answered with its receipt code, once), and the thread the code opens
// from any browser, where the reporter reads the line's answers and adds to the report. Nothing
// is kept on the reporter's device: the page asks with the code each time. Wrong codes answer as
// unknown ones do and are limited per address; a report costs a proof of work and is limited too.
import {
  AscoltoError,
  addReportInformation,
  findReport,
  readReportThread,
  reportFormInfo,
  reportFormOf,
  submitReport,
  type WidgetChannel,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  ErrorView,
  ReportAddBody,
  ReportChallenge,
  ReportFormInfo,
  ReportReceipt,
  ReportSubmitBody,
  ReportThread,
  ReportThreadBody,
  Uuid,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { FLOOD_LIMITS, failureFloodCheck, floodCheck } from '../../plugins/flood-limits.ts'
import { fullPageOf } from '../widget/full-page.ts'
import { proofOfWork } from './proof-of-work.ts'

const ByChannel = Type.Object({ channelId: Uuid })
const errors = { 400: ErrorView, 403: ErrorView, 404: ErrorView, 413: ErrorView, 429: ErrorView }
const base = '/api/widget/v1/channels/:channelId/report'

export const reportRoutes: FastifyPluginAsyncTypebox<
  AppContext & { widgetChannel: (request: FastifyRequest, channelId: string) => Promise<WidgetChannel> }
> = async (app, { pool, services, config, widgetChannel }) => {
  const pow = proofOfWork(services.keyring)
  const wrongCodes = failureFloodCheck(app, FLOOD_LIMITS.wrongReceiptsPerAddress)

  /** The report the code opens; a code that opens nothing counts against the sender's address. */
  const reportOf = async (request: FastifyRequest, reply: FastifyReply, channelId: string, code: string) => {
    await wrongCodes.before(request, reply)
    const { channel } = await widgetChannel(request, channelId)
    try {
      return await findReport(pool, channel.helplineId, code)
    } catch (error) {
      if (error instanceof AscoltoError && error.code === 'ASCOLTO_ERR_RECEIPT_UNKNOWN') {
        await wrongCodes.failed(request, reply)
      }
      throw error
    }
  }

  app.get(
    base,
    { schema: { params: ByChannel, response: { 200: ReportFormInfo, ...errors } } },
    async (request) => {
      const { settings } = await widgetChannel(request, request.params.channelId)
      return reportFormInfo(settings, reportFormOf(settings))
    },
  )

  app.get(
    `${base}/challenge`,
    { schema: { params: ByChannel, response: { 200: ReportChallenge, ...errors } } },
    async (request) => {
      const { channel, settings } = await widgetChannel(request, request.params.channelId)
      reportFormOf(settings)
      return pow.challenge(channel.helplineId)
    },
  )

  app.post(
    base,
    {
      bodyLimit: 64 * 1024,
      schema: { params: ByChannel, body: ReportSubmitBody, response: { 201: ReportReceipt, ...errors } },
      preHandler: floodCheck(app, FLOOD_LIMITS.reportsPerAddress),
    },
    async (request, reply) => {
      const found = await widgetChannel(request, request.params.channelId)
      reportFormOf(found.settings)
      const { answers, language, altcha } = request.body
      if (!(await pow.take(found.channel.helplineId, altcha))) {
        throw new AscoltoError(
          'ASCOLTO_ERR_VALIDATION',
          'The anti-spam check did not pass (or was used already): reload the form and send it again',
        )
      }
      const receipt = await withTransaction(pool, (tx, afterCommit) =>
        submitReport({ tx, afterCommit, services }, found, { answers, language }),
      ).catch((error) => {
        pow.release(altcha)
        throw error
      })
      request.log.info({ helplineId: found.channel.helplineId }, 'report received')
      return reply.status(201).send(receipt)
    },
  )

  app.post(
    `${base}/thread`,
    {
      bodyLimit: 1024,
      schema: { params: ByChannel, body: ReportThreadBody, response: { 200: ReportThread, ...errors } },
    },
    async (request, reply) => {
      const report = await reportOf(request, reply, request.params.channelId, request.body.code)
      return readReportThread(pool, services.keyring, report)
    },
  )

  app.post(
    `${base}/messages`,
    {
      bodyLimit: 32 * 1024,
      schema: {
        params: ByChannel,
        body: ReportAddBody,
        response: { 200: ReportThread, 201: ReportThread, ...errors },
      },
    },
    async (request, reply) => {
      const report = await reportOf(request, reply, request.params.channelId, request.body.code)
      const result = await withTransaction(pool, (tx, afterCommit) =>
        addReportInformation({ tx, afterCommit, services }, report, request.body),
      )
      request.log.info({ conversationId: result.conversationId, outcome: result.outcome }, 'report added to')
      return reply
        .status(result.outcome === 'duplicate' ? 200 : 201)
        .send(await readReportThread(pool, services.keyring, report))
    },
  )

  await app.register(fullPageOf('report'), { pool, services, config })
}
