// The statistics supervisors and coordinators read over a period, from the anonymous facts of
// closed conversations: per door, per category, per answer of the closing form, the survey's answers;
// cross-tables of any two of them, on the screen and as CSV or XLSX files (each export audited),
// and each table of the period as a file too.
import { crossTabulate, describeStatistics, exportCrossTable } from '@ascolto/core'
import { CrossTable, CrossTableQuery, PERIOD_TABLES, Statistics, StatisticsQuery } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'
import { FileBytes, FileParams, sendStatisticsFile, sendStatisticsTable } from './statistics-file.ts'

const PeriodTableQuery = Type.Object(
  { ...StatisticsQuery.properties, table: Type.Union(PERIOD_TABLES.map((name) => Type.Literal(name))) },
  { additionalProperties: false },
)

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

  app.get(
    '/api/helplines/:id/statistics.:format',
    {
      config: { policy: staff('supervisor') },
      schema: { params: FileParams, querystring: PeriodTableQuery, response: { 200: FileBytes, ...errors } },
    },
    async (request, reply) => {
      const { table, ...query } = request.query
      return sendStatisticsTable(
        reply,
        { pool, services },
        await requireActor(pool, request),
        request.params.id,
        { source: 'period', table, query },
        request.params.format,
      )
    },
  )

  app.get(
    '/api/helplines/:id/statistics/cross',
    {
      config: { policy: staff('supervisor') },
      schema: { params: ById, querystring: CrossTableQuery, response: { 200: CrossTable, ...errors } },
    },
    async (request) =>
      crossTabulate(
        { tx: pool, services },
        await requireActor(pool, request),
        request.params.id,
        request.query,
      ),
  )

  app.get(
    '/api/helplines/:id/statistics/cross.:format',
    {
      config: { policy: staff('supervisor') },
      schema: { params: FileParams, querystring: CrossTableQuery, response: { 200: FileBytes, ...errors } },
    },
    async (request, reply) => {
      const { format } = request.params
      const { table, sheet } = await exportCrossTable(
        { tx: pool, services },
        await requireActor(pool, request),
        request.params.id,
        request.query,
        format,
      )
      const { rows, columns } = request.query
      return sendStatisticsFile(reply, {
        name: `${rows}-${columns}-${table.from}-${table.to}`,
        title: `${rows} × ${columns}`,
        sheet,
        format,
      })
    },
  )
}
