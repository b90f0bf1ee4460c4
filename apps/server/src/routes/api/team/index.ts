// A helpline's team, for its coordinators: members with their roles, invitations by single-use
// link, a role changed, a member deactivated or logged out everywhere; the helpline's security
// settings; and the public end of an invitation, where the invitee sets their password.
import {
  AscoltoError,
  acceptInvitation,
  changeMemberRole,
  deactivateMember,
  describeInvitation,
  inviteMember,
  listInvitations,
  listTeamMembers,
  logOutEverywhere,
  readHelplineSecurity,
  renewInvitationLink,
  revokeInvitation,
  ThrottledError,
  updateHelplineSecurity,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  AcceptInvitationBody,
  HelplineSecurity,
  InvitationAccepted,
  InvitationCreated,
  InvitationLookupBody,
  InvitationPreview,
  InvitationView,
  InviteBody,
  RoleBody,
  TeamView,
  Uuid,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { clientAddress, requireActor } from '../../../plugins/auth.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

const ByMember = Type.Object({ id: Uuid, userId: Uuid })
const ByInvitation = Type.Object({ id: Uuid, invitationId: Uuid })

export const teamRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, config }) => {
  const invitationLink = (token: string) => `${config.publicUrl}/#/invitation/${token}`

  app.get(
    '/api/helplines/:id/team',
    { schema: { params: ById, response: { 200: TeamView, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return {
        members: await listTeamMembers(pool, actor, request.params.id),
        invitations: await listInvitations(pool, actor, request.params.id),
      }
    },
  )

  app.post(
    '/api/helplines/:id/invitations',
    { schema: { params: ById, body: InviteBody, response: { 201: InvitationCreated, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const { token, invitation } = await withTransaction(pool, (tx) =>
        inviteMember(tx, actor, { helplineId: request.params.id, ...request.body }),
      )
      return reply.status(201).send({ invitation, link: invitationLink(token) })
    },
  )

  app.post(
    '/api/helplines/:id/invitations/:invitationId/link',
    { schema: { params: ByInvitation, response: { 200: InvitationCreated, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      const { token, invitation } = await withTransaction(pool, (tx) =>
        renewInvitationLink(tx, actor, { helplineId: request.params.id, ...request.params }),
      )
      return { invitation, link: invitationLink(token) }
    },
  )

  app.post(
    '/api/helplines/:id/invitations/:invitationId/revoke',
    { schema: { params: ByInvitation, response: { 200: InvitationView, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        revokeInvitation(tx, actor, { helplineId: request.params.id, ...request.params }),
      )
    },
  )

  app.put(
    '/api/helplines/:id/members/:userId/role',
    { schema: { params: ByMember, body: RoleBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, (tx) =>
        changeMemberRole(
          tx,
          actor,
          {
            helplineId: request.params.id,
            userId: request.params.userId,
            ...request.body,
          },
          config.secondFactor,
        ),
      )
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/helplines/:id/members/:userId/deactivate',
    { schema: { params: ByMember, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, (tx) =>
        deactivateMember(tx, actor, { helplineId: request.params.id, userId: request.params.userId }),
      )
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/helplines/:id/members/:userId/sign-out',
    { schema: { params: ByMember, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, (tx) =>
        logOutEverywhere(tx, actor, { helplineId: request.params.id, userId: request.params.userId }),
      )
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/helplines/:id/security',
    { schema: { params: ById, response: { 200: HelplineSecurity, ...errors } } },
    async (request) => readHelplineSecurity(pool, await requireActor(pool, request), request.params.id),
  )

  app.put(
    '/api/helplines/:id/security',
    { schema: { params: ById, body: HelplineSecurity, response: { 200: HelplineSecurity, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        updateHelplineSecurity(tx, actor, request.params.id, request.body, config.secondFactor),
      )
    },
  )

  // the invitation page's heading: the helpline and the address, before the newcomer acts
  app.post(
    '/api/invitations/lookup',
    {
      schema: {
        body: InvitationLookupBody,
        response: { 200: InvitationPreview, ...errors, 410: errors[404] },
      },
    },
    async (request) => describeInvitation(pool, request.body.token),
  )

  app.post(
    '/api/invitations/accept',
    {
      schema: {
        body: AcceptInvitationBody,
        response: { 200: InvitationAccepted, ...errors, 410: errors[404], 429: errors[404] },
      },
    },
    async (request, reply) => {
      const accepted = await withTransaction(pool, (tx) =>
        acceptInvitation(tx, { ...request.body, address: clientAddress(request) }),
      ).catch((error: unknown) => {
        if (error instanceof ThrottledError) reply.header('retry-after', String(error.retryAfterSeconds))
        throw error
      })
      if (!accepted.ok) {
        throw new AscoltoError(
          'ASCOLTO_ERR_BAD_CREDENTIALS',
          'This e-mail has an account: enter its password',
        )
      }
      return { email: accepted.email }
    },
  )
}
