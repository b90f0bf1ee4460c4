// The statistics screen's charts and the tables beside them: the series (supervisors and up), a
// table as CSV or XLSX (each export audited), and the figures per operator (coordinators, where the
// helpline turned them on), on the screen and as a file. Thin: each route calls one use-case.
import { describeCharts, describeOperatorFigures } from '@ascolto/core'
import { Charts, ChartsQuery, OperatorFigures, STATISTICS_TABLES, StatisticsQuery } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'
import { FileBytes, FileParams, sendStatisticsTable } from './statistics-file.ts'

const TableQuery = Type.Object(
  { ...ChartsQuery.properties, table: Type.Union(STATISTICS_TABLES.map((name) => Type.Literal(name))) },
  { additionalProperties: false },
)

export const statisticsChartRoutes: FastifyPluginAsyncTypebox<AppContext> = async (
  app,
  { pool, services },
) => {
  app.get(
    '/api/helplines/:id/statistics/charts',
    {
      config: { policy: staff('supervisor') },
      schema: { params: ById, querystring: ChartsQuery, response: { 200: Charts, ...errors } },
    },
    async (request) =>
      describeCharts(
        { tx: pool, services },
        await requireActor(pool, request),
        request.params.id,
        request.query,
      ),
  )

  app.get(
    '/api/helplines/:id/statistics/table.:format',
    {
      config: { policy: staff('supervisor') },
      schema: { params: FileParams, querystring: TableQuery, response: { 200: FileBytes, ...errors } },
    },
    async (request, reply) => {
      const { table, ...query } = request.query
      return sendStatisticsTable(
        reply,
        { pool, services },
        await requireActor(pool, request),
        request.params.id,
        { source: 'charts', table, query },
        request.params.format,
      )
    },
  )

  app.get(
    '/api/helplines/:id/statistics/operators',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, querystring: StatisticsQuery, response: { 200: OperatorFigures, ...errors } },
    },
    async (request) =>
      describeOperatorFigures(
        { tx: pool, services },
        await requireActor(pool, request),
        request.params.id,
        request.query,
      ),
  )

  app.get(
    '/api/helplines/:id/statistics/operators.:format',
    {
      config: { policy: staff('coordinator') },
      schema: { params: FileParams, querystring: StatisticsQuery, response: { 200: FileBytes, ...errors } },
    },
    async (request, reply) =>
      sendStatisticsTable(
        reply,
        { pool, services },
        await requireActor(pool, request),
        request.params.id,
        { source: 'operators', query: request.query },
        request.params.format,
      ),
  )
}
