// A helpline's settings (read by its members, replaced by its coordinators) and the preview of
// what its rules do at a given moment.
import {
  AscoltoError,
  instantInZone,
  listHelplineChannels,
  previewDraftRules,
  previewRules,
  readHelplineSettings,
  updateHelplineSettings,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  HelplineChannelList,
  HelplineSettings,
  PreviewDraftBody,
  PreviewQuery,
  RulesPreview,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const helplineRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/helplines/:id/settings',
    { schema: { params: ById, response: { 200: HelplineSettings, ...errors } } },
    async (request) => readHelplineSettings(pool, await requireActor(pool, request), request.params.id),
  )

  app.put(
    '/api/helplines/:id/settings',
    // the body is checked whole by checkSettings, which names every problem at once
    {
      bodyLimit: 512 * 1024,
      schema: { params: ById, body: Type.Unknown(), response: { 200: HelplineSettings, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        updateHelplineSettings({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
    },
  )

  // the settings form's choice of channel for the on-call alert
  app.get(
    '/api/helplines/:id/channels',
    { schema: { params: ById, response: { 200: HelplineChannelList, ...errors } } },
    async (request) => listHelplineChannels(pool, await requireActor(pool, request), request.params.id),
  )

  app.get(
    '/api/helplines/:id/preview',
    { schema: { params: ById, querystring: PreviewQuery, response: { 200: RulesPreview, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      const settings = await readHelplineSettings(pool, actor, request.params.id)
      const at = request.query.at ? instantInZone(request.query.at, settings.timeZone) : services.clock()
      if (!at)
        throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'at: not a date and time, e.g. 2026-12-24T20:30')
      return previewRules(settings, at, { firstMessageEver: request.query.firstMessageEver !== 'false' })
    },
  )

  // what-if: the settings form as it stands, before it is saved
  app.post(
    '/api/helplines/:id/preview',
    {
      bodyLimit: 512 * 1024,
      schema: { params: ById, body: PreviewDraftBody, response: { 200: RulesPreview, ...errors } },
    },
    async (request) =>
      previewDraftRules(await requireActor(pool, request), request.params.id, request.body, services.clock()),
  )
}
