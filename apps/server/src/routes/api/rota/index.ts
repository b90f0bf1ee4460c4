// The rota: a helpline's week (any member), shifts (coordinators), places on them (sign up,
// assign, confirm, give back, swap), each operator's private calendar feed and their reminder.
import {
  type Actor,
  answerShiftSwap,
  assignShift,
  cancelShiftDay,
  confirmShift,
  createShift,
  deleteShift,
  describeMyShift,
  describeRotaWeek,
  describeShiftNow,
  findShiftHelpline,
  giveBackShift,
  helplineIdsOf,
  offerShiftSwap,
  readShiftReminder,
  renderCalendarFeed,
  renewCalendarFeed,
  setShiftReminder,
  type Tx,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  AssignmentBody,
  CalendarFeedView,
  MyShift,
  RotaNow,
  RotaWeek,
  RotaWeekQuery,
  ShiftBody,
  ShiftCreated,
  ShiftExceptionBody,
  ShiftReminder,
  SwapBody,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type, { type TSchema } from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

const done = { 204: Type.Null(), ...errors }
type Act = (tx: Tx, actor: Actor, id: string, body: { toUserId: string }) => Promise<void>

export const rotaRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services, config }) => {
  app.get(
    '/api/helplines/:id/rota',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, querystring: RotaWeekQuery, response: { 200: RotaWeek, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        describeRotaWeek(tx, actor, {
          helplineId: request.params.id,
          week: request.query.week,
          now: services.clock(),
        }),
      )
    },
  )

  app.get(
    '/api/helplines/:id/rota/now',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, response: { 200: RotaNow, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        describeShiftNow(tx, actor, { helplineId: request.params.id, now: services.clock() }),
      )
    },
  )

  app.get(
    '/api/rota/my-shift',
    { config: { policy: staff('volunteer') }, schema: { response: { 200: MyShift, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) => describeMyShift(tx, actor, services.clock()))
    },
  )

  app.post(
    '/api/helplines/:id/shifts',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, body: ShiftBody, response: { 201: ShiftCreated, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const created = await withTransaction(pool, (tx) =>
        createShift(tx, actor, { helplineId: request.params.id, body: request.body }),
      )
      return reply.status(201).send(created)
    },
  )

  app.delete(
    '/api/shifts/:id',
    { config: { policy: staff('coordinator') }, schema: { params: ById, response: done } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, async (tx) => {
        const helplineId = await findShiftHelpline(tx, helplineIdsOf(actor), request.params.id)
        await deleteShift(tx, actor, { helplineId, shiftId: request.params.id })
      })
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/shifts/:id/exceptions',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, body: ShiftExceptionBody, response: done },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, async (tx) => {
        const helplineId = await findShiftHelpline(tx, helplineIdsOf(actor), request.params.id)
        await cancelShiftDay(tx, actor, { helplineId, shiftId: request.params.id, date: request.body.date })
      })
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/shifts/:id/assignments',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, body: AssignmentBody, response: { 201: ShiftCreated, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const created = await withTransaction(pool, async (tx) => {
        const helplineId = await findShiftHelpline(tx, helplineIdsOf(actor), request.params.id)
        return assignShift(tx, actor, { helplineId, shiftId: request.params.id, body: request.body })
      })
      return reply.status(201).send(created)
    },
  )

  // the assignee's (or a coordinator's) actions on one place: each a use-case, answered 204
  const onAssignment = (
    path: string,
    act: Act,
    body: TSchema = Type.Object({}, { additionalProperties: false }),
  ) =>
    app.post(
      `/api/shift-assignments/:id/${path}`,
      { config: { policy: staff('volunteer') }, schema: { params: ById, body, response: done } },
      async (request, reply) => {
        const actor = await requireActor(pool, request)
        await withTransaction(pool, (tx) =>
          act(tx, actor, request.params.id, request.body as { toUserId: string }),
        )
        return reply.status(204).send(null)
      },
    )
  onAssignment('confirm', (tx, actor, id) => confirmShift(tx, actor, id))
  onAssignment('give-back', (tx, actor, id) => giveBackShift(tx, actor, id))
  onAssignment(
    'swap',
    (tx, actor, id, body) => offerShiftSwap(tx, actor, { assignmentId: id, toUserId: body.toUserId }),
    SwapBody,
  )
  onAssignment('swap/accept', (tx, actor, id) =>
    answerShiftSwap(tx, actor, { assignmentId: id, accept: true }),
  )
  onAssignment('swap/decline', (tx, actor, id) =>
    answerShiftSwap(tx, actor, { assignmentId: id, accept: false }),
  )

  app.post(
    '/api/rota/calendar-feed',
    {
      config: { policy: staff('volunteer') },
      schema: { response: { 201: CalendarFeedView, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const token = await withTransaction(pool, (tx) => renewCalendarFeed(tx, actor))
      return reply.status(201).send({ url: new URL(`/calendar/${token}`, config.publicUrl).href })
    },
  )

  app.get(
    '/api/rota/reminder',
    { config: { policy: staff('volunteer') }, schema: { response: { 200: ShiftReminder, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return { minutes: await readShiftReminder(pool, actor) }
    },
  )

  app.put(
    '/api/rota/reminder',
    {
      config: { policy: staff('volunteer') },
      schema: { body: ShiftReminder, response: { 200: ShiftReminder, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      const minutes = await withTransaction(pool, (tx) => setShiftReminder(tx, actor, request.body.minutes))
      return { minutes }
    },
  )

  app.get(
    '/calendar/:token',
    {
      schema: { params: Type.Object({ token: Type.String({ maxLength: 100 }) }) },
    },
    async (request, reply) => {
      const feed = await renderCalendarFeed(pool, request.params.token, services.clock())
      if (feed === null)
        return reply.status(404).send({ code: 'ASCOLTO_ERR_NOT_FOUND', message: 'No such calendar' })
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(feed)
    },
  )
}
