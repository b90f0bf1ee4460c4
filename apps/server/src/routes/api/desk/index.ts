// What a member's desk needs of each helpline: categories, closing form, playbook, canned
// replies, colleagues (for transfers); and the supervisor's room.
import { describeDesk, describeRoom, recordPreviewsRead } from '@ascolto/core'
import { DeskSetup, RoomView } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'
import { staff } from './policy.ts'

export const deskRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/helplines/:id/desk',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, response: { 200: DeskSetup, ...errors } },
    },
    async (request) => describeDesk(pool, await requireActor(pool, request), request.params.id),
  )

  app.get(
    '/api/helplines/:id/room',
    {
      config: { policy: staff('supervisor') },
      schema: { params: ById, response: { 200: RoomView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      const room = await describeRoom({ tx: pool, services }, actor, request.params.id)
      await recordPreviewsRead(pool, actor, room.conversations)
      return room
    },
  )
}
