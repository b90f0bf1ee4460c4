// The helpline's partner installations (docs/referrals-between-installations.md): its coordinators
// read this installation's public key and the helpline's address to give a partner, and keep the
// list of the partners' own (name, address, public key, enabled).
import {
  findPartnerHelpline,
  helplineIdsOf,
  installationKey,
  loadPartners,
  requireRole,
  savePartner,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { Partner, PartnerBody, PartnersView } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { partnerDoorOf } from '../../partners/door.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const partnerRoutes: FastifyPluginAsyncTypebox<AppContext> = async (
  app,
  { pool, services, config },
) => {
  app.get(
    '/api/helplines/:id/partners',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, response: { 200: PartnersView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      requireRole(actor, request.params.id, 'coordinator')
      const { publicKey } = await installationKey(pool, services.keyring)
      return {
        own: { publicKey, baseUrl: partnerDoorOf(config, request.params.id) },
        partners: await loadPartners(pool, request.params.id),
      }
    },
  )

  app.post(
    '/api/helplines/:id/partners',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, body: PartnerBody, response: { 201: Partner, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const saved = await withTransaction(pool, (tx) =>
        savePartner(tx, actor, { helplineId: request.params.id, body: request.body }),
      )
      return reply.status(201).send(saved)
    },
  )

  app.put(
    '/api/partners/:id',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, body: PartnerBody, response: { 200: Partner, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, async (tx) => {
        const helplineId = await findPartnerHelpline(tx, helplineIdsOf(actor), request.params.id)
        return savePartner(tx, actor, { helplineId, id: request.params.id, body: request.body })
      })
    },
  )
}
