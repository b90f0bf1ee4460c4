// Clinical supervision: a volunteer asks a review of a closed conversation (or the helpline's
// rule queues it), a supervisor writes feedback and signs it off, the volunteer reads it.
import { getReview, listReviews, requestReview, signOffReview } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { ReviewList, ReviewRequestBody, ReviewView, SignOffBody } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const reviewRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/reviews',
    { config: { policy: staff('volunteer') }, schema: { response: { 200: ReviewList, ...errors } } },
    async (request) => ({
      reviews: await listReviews({ tx: pool, services }, await requireActor(pool, request)),
    }),
  )

  app.get(
    '/api/conversations/:id/review',
    {
      config: { policy: staff('volunteer') },
      schema: {
        params: ById,
        response: { 200: Type.Object({ review: Type.Union([ReviewView, Type.Null()]) }), ...errors },
      },
    },
    async (request) => ({
      review: await getReview({ tx: pool, services }, await requireActor(pool, request), request.params.id),
    }),
  )

  app.post(
    '/api/conversations/:id/review',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, body: ReviewRequestBody, response: { 201: ReviewView, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const review = await withTransaction(pool, (tx) =>
        requestReview({ tx, services }, actor, request.params.id, request.body.note),
      )
      return reply.status(201).send(review)
    },
  )

  app.post(
    '/api/conversations/:id/review/sign-off',
    {
      config: { policy: staff('supervisor') },
      schema: { params: ById, body: SignOffBody, response: { 200: ReviewView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        signOffReview({ tx, services }, actor, request.params.id, request.body.feedback),
      )
    },
  )
}
