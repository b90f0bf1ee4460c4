// The statistics supervisors and coordinators read: the survey's answers per question and door
// over a period, from the anonymous facts of closed conversations.
import { describeSurveyStatistics } from '@ascolto/core'
import { StatisticsQuery, SurveyStatistics } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const statisticsRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/helplines/:id/statistics/survey',
    {
      config: { policy: staff('supervisor') },
      schema: { params: ById, querystring: StatisticsQuery, response: { 200: SurveyStatistics, ...errors } },
    },
    async (request) =>
      describeSurveyStatistics(
        { tx: pool, services },
        await requireActor(pool, request),
        request.params.id,
        request.query,
      ),
  )
}
