// The signed-in operator's availability: available, away or offline (automatic assignment
// gives conversations only to those available).
import { readAvailability, setAvailability } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { AvailabilityBody } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { errorResponses as errors } from '../shared-schemas.ts'

export const availabilityRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/availability',
    { config: { policy: staff('volunteer') }, schema: { response: { 200: AvailabilityBody, ...errors } } },
    async (request) => ({
      availability: await readAvailability(pool, await requireActor(pool, request)),
    }),
  )

  app.put(
    '/api/availability',
    {
      config: { policy: staff('volunteer') },
      schema: { body: AvailabilityBody, response: { 200: AvailabilityBody, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      const availability = await withTransaction(pool, (tx, afterCommit) =>
        setAvailability({ tx, afterCommit, services }, actor, request.body.availability),
      )
      return { availability }
    },
  )
}
