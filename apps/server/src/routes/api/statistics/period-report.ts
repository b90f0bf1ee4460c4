// GET /api/helplines/:id/statistics/report.pdf?year=2025[&quarter=2|&month=6][&language=en]: the
// period report as a PDF to download (a coordinator's or a supervisor's), audited as an export.
import { compilePeriodReport } from '@ascolto/core'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'
import { renderPeriodReport } from './period-report-pdf.ts'

// a query string's values are text (the server does not coerce types): numbers by their pattern
const PeriodReportQuery = Type.Object(
  {
    year: Type.String({ pattern: '^20[0-9]{2}$' }),
    quarter: Type.Optional(Type.String({ pattern: '^[1-4]$' })),
    month: Type.Optional(Type.String({ pattern: '^([1-9]|1[0-2])$' })),
    language: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])),
  },
  { additionalProperties: false },
)
/** The file's bytes as they are: Fastify sends a buffer unserialised. */
const PdfBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' })

export const periodReportRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/helplines/:id/statistics/report.pdf',
    {
      config: { policy: staff('supervisor') },
      schema: { params: ById, querystring: PeriodReportQuery, response: { 200: PdfBytes, ...errors } },
    },
    async (request, reply) => {
      const { year, quarter, month, language } = request.query
      const report = await compilePeriodReport(
        { tx: pool, services },
        await requireActor(pool, request),
        request.params.id,
        {
          year: Number(year),
          ...(quarter && { quarter: Number(quarter) }),
          ...(month && { month: Number(month) }),
          ...(language && { language }),
        },
      )
      const part = report.part === null ? '' : `-${report.kind === 'quarter' ? 'T' : ''}${report.part}`
      reply.header('cache-control', 'no-store')
      reply.header('content-disposition', `attachment; filename="rapporto-${report.year}${part}.pdf"`)
      reply.type('application/pdf')
      return renderPeriodReport(report, services.clock())
    },
  )
}
