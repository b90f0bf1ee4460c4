// A helpline's audit log, for its coordinators, newest first (`before` pages back by id).
import { listAuditEvents } from '@ascolto/core'
import { AuditLog, AuditQuery } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const auditRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/helplines/:id/audit',
    { schema: { params: ById, querystring: AuditQuery, response: { 200: AuditLog, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      const before = request.query.before ? Number(request.query.before) : undefined
      return {
        events: await listAuditEvents(pool, services.keyring, actor, {
          helplineId: request.params.id,
          before,
        }),
      }
    },
  )
}
