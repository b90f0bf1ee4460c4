// Automatic triage, corrected by a person: whoever reads a conversation can set its risk level
// (recorded, audited and counted in its facts).
import { correctRiskLevel } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { ConversationView, RiskCorrectionBody } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const triageRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.post(
    '/api/conversations/:id/risk-level',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, body: RiskCorrectionBody, response: { 200: ConversationView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        correctRiskLevel({ tx, afterCommit, services }, actor, request.params.id, request.body.level),
      )
    },
  )
}
