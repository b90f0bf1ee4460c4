// The phone from the console: the signed-in operator's own phone, where the helplines' calls ring
// (sealed; only its owner reads or changes it), and who of a helpline is on a call now.
import { listLiveCalls, readOwnPhone, setOwnPhone } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { LiveCalls, OwnPhone, Uuid } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { errorResponses as errors } from '../shared-schemas.ts'

const LiveQuery = Type.Object({ helplineId: Uuid }, { additionalProperties: false })

export const callRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/account/phone',
    { config: { policy: staff('volunteer') }, schema: { response: { 200: OwnPhone, ...errors } } },
    async (request) => ({ phone: await readOwnPhone(pool, services, await requireActor(pool, request)) }),
  )

  app.put(
    '/api/account/phone',
    {
      config: { policy: staff('volunteer') },
      schema: { body: OwnPhone, response: { 200: OwnPhone, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      const phone = await withTransaction(pool, (tx) => setOwnPhone(tx, services, actor, request.body.phone))
      return { phone }
    },
  )

  app.get(
    '/api/calls/live',
    {
      config: { policy: staff('volunteer') },
      schema: { querystring: LiveQuery, response: { 200: LiveCalls, ...errors } },
    },
    async (request) =>
      listLiveCalls(pool, services, await requireActor(pool, request), request.query.helplineId),
  )
}
