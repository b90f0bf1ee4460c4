// The statistics supervisors and coordinators read over a period, from the anonymous facts of
// closed conversations: per door, per category, per answer of the closing form, the survey's answers.
import { describeStatistics } from '@ascolto/core'
import { Statistics, StatisticsQuery } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const statisticsRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/helplines/:id/statistics',
    {
      config: { policy: staff('supervisor') },
      schema: { params: ById, querystring: StatisticsQuery, response: { 200: Statistics, ...errors } },
    },
    async (request) =>
      describeStatistics(
        { tx: pool, services },
        await requireActor(pool, request),
        request.params.id,
        request.query,
      ),
  )
}
