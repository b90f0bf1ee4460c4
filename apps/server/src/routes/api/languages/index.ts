// The languages of the team: each operator's own (only they read or change them), and what a
// helpline's available members cover now (for its supervisors).
import { listLanguagesCovered, readOwnLanguages, setOwnLanguages } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { LanguagesCovered, OwnLanguages } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const languageRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool }) => {
  app.get(
    '/api/account/languages',
    { config: { policy: staff('volunteer') }, schema: { response: { 200: OwnLanguages, ...errors } } },
    async (request) => readOwnLanguages(pool, await requireActor(pool, request)),
  )

  app.put(
    '/api/account/languages',
    {
      config: { policy: staff('volunteer') },
      schema: { body: OwnLanguages, response: { 200: OwnLanguages, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) => setOwnLanguages(tx, actor, request.body))
    },
  )

  app.get(
    '/api/helplines/:id/languages',
    {
      config: { policy: staff('supervisor') },
      schema: { params: ById, response: { 200: LanguagesCovered, ...errors } },
    },
    async (request) => listLanguagesCovered(pool, await requireActor(pool, request), request.params.id),
  )
}
