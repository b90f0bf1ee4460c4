// The statistics supervisors and coordinators read over a period, from the anonymous facts of
// closed conversations: per door, per category, per answer of the closing form, the survey's answers;
// cross-tables of any two of them, on the screen and as CSV or XLSX files (each export audited).
import { crossTabulate, describeStatistics, exportCrossTable } from '@ascolto/core'
import { CrossTable, CrossTableQuery, Statistics, StatisticsQuery } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'
import { CONTENT_TYPES, statisticsFile } from './statistics-file.ts'

/** The file's bytes as they are: Fastify sends a buffer unserialised. */
const FileBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' })
const ExportParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
})

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
      schema: { params: ExportParams, querystring: CrossTableQuery, response: { 200: FileBytes, ...errors } },
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
      const name = `statistiche-${request.query.rows}-${request.query.columns}-${table.from}-${table.to}`
      reply.header('cache-control', 'no-store')
      reply.header(
        'content-disposition',
        `attachment; filename="${name.replace(/[^a-z0-9-]/gi, '-')}.${format}"`,
      )
      reply.type(CONTENT_TYPES[format])
      return statisticsFile(sheet, `${request.query.rows} × ${request.query.columns}`, format)
    },
  )
}
