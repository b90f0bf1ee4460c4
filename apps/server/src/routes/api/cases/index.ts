// Cases ("percorsi di aiuto"): opened from a conversation, joined by others, planned, followed up,
// reviewed. The use-cases keep the wall (another helpline's case: 404) and who reads a case.
import {
  addCaseConversation,
  addCaseEntry,
  exportEmergencyRecord,
  findConversationCase,
  getCase,
  listCases,
  listCaseTasks,
  logContact,
  markCaseEntryDone,
  openCase,
  recordCaseConsent,
  recordEmergencyStep,
  scheduleCaseCallback,
  setCaseLegalHold,
  updateCase,
  writeFirst,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  AddCaseConversationBody,
  AddCaseEntryBody,
  CaseConsentBody,
  CaseEntryDoneBody,
  CaseExport,
  CaseExportBody,
  CaseLegalHoldBody,
  CaseList,
  CaseTaskList,
  CaseView,
  ConversationCase,
  FirstContactView,
  LogContactBody,
  LoggedContactView,
  OpenCaseBody,
  RecordEmergencyStepBody,
  ScheduleCaseCallbackBody,
  UpdateCaseBody,
  Uuid,
  WriteFirstBody,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const caseRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  const volunteer = { policy: staff('volunteer') }

  app.get(
    '/api/cases',
    { config: volunteer, schema: { response: { 200: CaseList, ...errors } } },
    async (request) => ({
      cases: await listCases({ tx: pool, services }, await requireActor(pool, request)),
    }),
  )

  app.get(
    '/api/case-tasks',
    { config: volunteer, schema: { response: { 200: CaseTaskList, ...errors } } },
    async (request) => ({
      tasks: await listCaseTasks({ tx: pool, services }, await requireActor(pool, request)),
    }),
  )

  app.post(
    '/api/cases',
    { config: volunteer, schema: { body: OpenCaseBody, response: { 201: CaseView, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const view = await withTransaction(pool, (tx, afterCommit) =>
        openCase({ tx, afterCommit, services }, actor, request.body),
      )
      return reply.status(201).send(view)
    },
  )

  app.get(
    '/api/cases/:id',
    { config: volunteer, schema: { params: ById, response: { 200: CaseView, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) => getCase({ tx, services }, actor, request.params.id))
    },
  )

  app.patch(
    '/api/cases/:id',
    {
      config: volunteer,
      schema: { params: ById, body: UpdateCaseBody, response: { 200: CaseView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        updateCase({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
    },
  )

  app.post(
    '/api/cases/:id/conversations',
    {
      config: volunteer,
      schema: { params: ById, body: AddCaseConversationBody, response: { 200: CaseView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        addCaseConversation({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
    },
  )

  app.post(
    '/api/cases/:id/entries',
    {
      config: volunteer,
      schema: { params: ById, body: AddCaseEntryBody, response: { 200: CaseView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        addCaseEntry({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
    },
  )

  app.post(
    '/api/cases/:id/entries/:entryId/done',
    {
      config: volunteer,
      schema: {
        params: Type.Object({ id: Uuid, entryId: Uuid }),
        body: CaseEntryDoneBody,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      const { id: caseId, entryId } = request.params
      return withTransaction(pool, (tx, afterCommit) =>
        markCaseEntryDone({ tx, afterCommit, services }, actor, { caseId, entryId, done: request.body.done }),
      )
    },
  )

  // an emergency take-in's step done: its value, timed and signed
  app.post(
    '/api/cases/:id/emergency-steps',
    {
      config: volunteer,
      schema: { params: ById, body: RecordEmergencyStepBody, response: { 200: CaseView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        recordEmergencyStep({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
    },
  )

  // its record for the receiving project: no place or address unless revealed (and audited)
  app.post(
    '/api/cases/:id/export',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, body: CaseExportBody, response: { 200: CaseExport, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const record = await withTransaction(pool, (tx, afterCommit) =>
        exportEmergencyRecord({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
      return reply
        .header('content-disposition', `attachment; filename="presa-in-carico-${record.case.id}.json"`)
        .header('cache-control', 'no-store')
        .send(record)
    },
  )

  app.post(
    '/api/cases/:id/legal-hold',
    {
      config: { policy: staff('supervisor') },
      schema: { params: ById, body: CaseLegalHoldBody, response: { 200: CaseView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        setCaseLegalHold({ tx, services }, actor, request.params.id, request.body),
      )
    },
  )

  app.get(
    '/api/conversations/:id/case',
    { config: volunteer, schema: { params: ById, response: { 200: ConversationCase, ...errors } } },
    async (request) =>
      findConversationCase({ tx: pool, services }, await requireActor(pool, request), request.params.id),
  )

  // a contact that happened outside Ascolto's doors, logged by hand: a conversation of its own door
  app.post(
    '/api/helplines/:id/logged-contacts',
    {
      config: volunteer,
      schema: { params: ById, body: LogContactBody, response: { 201: LoggedContactView, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const logged = await withTransaction(pool, (tx) =>
        logContact({ tx, services }, actor, request.params.id, request.body),
      )
      return reply.status(201).send(logged)
    },
  )

  // the person agreed, in this case, to be contacted on that door
  app.post(
    '/api/cases/:id/consents',
    {
      config: volunteer,
      schema: { params: ById, body: CaseConsentBody, response: { 200: CaseView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, async (tx, afterCommit) => {
        await recordCaseConsent({ tx, afterCommit, services }, actor, request.params.id, request.body)
        return getCase({ tx, services }, actor, request.params.id)
      })
    },
  )

  // the line writes first: refused without that consent
  app.post(
    '/api/cases/:id/first-contact',
    {
      config: volunteer,
      schema: { params: ById, body: WriteFirstBody, response: { 201: FirstContactView, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const sent = await withTransaction(pool, (tx, afterCommit) =>
        writeFirst({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
      return reply.status(201).send(sent)
    },
  )

  // or calls first, on a phone door: a call-back in the list, refused without that consent
  app.post(
    '/api/cases/:id/callbacks',
    {
      config: volunteer,
      schema: { params: ById, body: ScheduleCaseCallbackBody, response: { 201: CaseView, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const view = await withTransaction(pool, (tx, afterCommit) =>
        scheduleCaseCallback({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
      return reply.status(201).send(view)
    },
  )
}
