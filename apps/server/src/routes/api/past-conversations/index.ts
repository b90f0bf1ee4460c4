// The closed conversations of a helpline, filtered (core/conversations/list-closed-conversations.ts).
// Every filter is validated by the schema; a value it refuses is a 400 naming the field.
import { listClosedConversations } from '@ascolto/core'
import { ClosedConversationList, ClosedConversationsQuery } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { errorResponses as errors } from '../shared-schemas.ts'

export const pastConversationRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool }) => {
  app.get(
    '/api/closed-conversations',
    {
      config: { policy: staff('volunteer') },
      schema: { querystring: ClosedConversationsQuery, response: { 200: ClosedConversationList, ...errors } },
    },
    async (request) => listClosedConversations(pool, await requireActor(pool, request), request.query),
  )
}
