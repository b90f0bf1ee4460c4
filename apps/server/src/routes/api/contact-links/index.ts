// People on several doors, from the console: a conversation's other doors (every member sees
// them, as pseudonyms), and a supervisor's link of two people, or its undoing, with a reason.
import { linkContacts, listContactLinks, unlinkContacts } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { ContactLinkList, LinkContactsBody } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

const UnlinkBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
)

export const contactLinkRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/conversations/:id/links',
    {
      config: { policy: { access: 'staff', least: 'volunteer' } },
      schema: { params: ById, response: { 200: ContactLinkList, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return listContactLinks(pool, actor, request.params.id)
    },
  )

  app.post(
    '/api/conversations/:id/links',
    {
      config: { policy: { access: 'staff', least: 'supervisor' } },
      schema: { params: ById, body: LinkContactsBody, response: { 200: ContactLinkList, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        linkContacts(tx, services.keyring, actor, { conversationId: request.params.id, ...request.body }),
      )
    },
  )

  app.post(
    '/api/contact-links/:id/unlink',
    {
      config: { policy: { access: 'staff', least: 'supervisor' } },
      schema: { params: ById, body: UnlinkBody, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, (tx) =>
        unlinkContacts(tx, services.keyring, actor, {
          linkId: request.params.id,
          reason: request.body.reason,
        }),
      )
      return reply.status(204).send(null)
    },
  )
}
