// The door partner installations post to (docs/referrals-between-installations.md): a referral for
// one of this installation's helplines, or the state of a referral it sent them. Verify → persist
// → acknowledge, in one transaction: the signature over the exact bytes received, by a key of an
// enabled partner of that helpline, within the time window, with a nonce never seen; then the body
// against its schema. Whatever fails answers a coded 4xx and leaves nothing stored, the nonce
// included; a 2xx goes out only once what was sent has committed.
import {
  type AfterCommit,
  AscoltoError,
  acceptSignedRequest,
  receiveRemoteReferral,
  receiveRemoteState,
  type SendingPartner,
  type Services,
  type SignedRequest,
  type Tx,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { ErrorView, PartnerReceipt, RemoteReferralBody, RemoteStateBody, Uuid } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type, { type TSchema } from 'typebox'
import Value from 'typebox/value'
import type { AppContext } from '../../context.ts'
import { FLOOD_LIMITS, floodCheck } from '../../plugins/flood-limits.ts'
import { PARTNER_DOOR } from './door.ts'

const errors = {
  400: ErrorView,
  401: ErrorView,
  403: ErrorView,
  404: ErrorView,
  409: ErrorView,
  413: ErrorView,
  429: ErrorView,
}
const ByHelpline = Type.Object({ helplineId: Uuid })
const ByReferral = Type.Object({ helplineId: Uuid, referralId: Uuid })
/** A referral's packet is a few kilobytes at most. */
const BODY_LIMIT = 64 * 1024

/** The request as it was signed: the path as received, the body's exact bytes. */
const signedRequestOf = (request: FastifyRequest): SignedRequest => ({
  method: request.method,
  url: `http://door${request.url}`,
  headers: request.headers,
  body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
})

function parsed<T extends TSchema>(schema: T, bytes: unknown): Type.Static<T> {
  let value: unknown
  try {
    value = JSON.parse(Buffer.isBuffer(bytes) ? bytes.toString('utf8') : '')
  } catch {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'The body is not JSON')
  }
  const problem = Value.Errors(schema, value)[0]
  if (problem) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', `${problem.instancePath || 'body'} ${problem.message}`)
  }
  return value as Type.Static<T>
}

export const partnerDoorRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  // inside this plugin only: the body stays the bytes the partner signed
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
  })
  app.addHook('onRequest', floodCheck(app, FLOOD_LIMITS.webhookPerAddress))
  const partner = { access: 'public', why: 'a partner installation, by its Ed25519 signature' } as const

  /** Runs `receive` in the transaction that accepted the request's signature, for its partner. */
  const signedBy = <T>(
    request: FastifyRequest<{ Params: { helplineId: string } }>,
    receive: (
      context: { tx: Tx; afterCommit: AfterCommit; services: Services },
      from: SendingPartner,
    ) => Promise<T>,
  ) =>
    withTransaction(pool, async (tx, afterCommit) => {
      const from = await acceptSignedRequest(tx, {
        helplineId: request.params.helplineId,
        request: signedRequestOf(request),
        now: services.clock(),
      })
      return receive({ tx, afterCommit, services }, from)
    })

  app.post(
    `${PARTNER_DOOR}/referrals`,
    {
      config: { policy: partner },
      bodyLimit: BODY_LIMIT,
      schema: { params: ByHelpline, response: { 200: PartnerReceipt, 201: PartnerReceipt, ...errors } },
    },
    async (request, reply) => {
      const outcome = await signedBy(request, (context, from) =>
        receiveRemoteReferral(context, from, parsed(RemoteReferralBody, request.body)),
      )
      request.log.info({ helplineId: request.params.helplineId, outcome }, 'referral from a partner')
      return reply.status(outcome === 'stored' ? 201 : 200).send({ received: true })
    },
  )

  app.post(
    `${PARTNER_DOOR}/referrals/:referralId/state`,
    {
      config: { policy: partner },
      bodyLimit: BODY_LIMIT,
      schema: { params: ByReferral, response: { 200: PartnerReceipt, ...errors } },
    },
    async (request, reply) => {
      const outcome = await signedBy(request, (context, from) =>
        receiveRemoteState(context, from, {
          referralId: request.params.referralId,
          body: parsed(RemoteStateBody, request.body),
        }),
      )
      request.log.info({ referralId: request.params.referralId, outcome }, 'referral state from a partner')
      return reply.status(200).send({ received: true })
    },
  )
}
