// The helpline's directory of services: searched by every member from the desk, kept by its
// coordinators, one at a time or as a whole CSV file (docs/directory.md).
import {
  deleteDirectoryService,
  directoryToCsv,
  findDirectoryServiceHelpline,
  helplineIdsOf,
  importDirectory,
  loadDirectory,
  requireRole,
  saveDirectoryService,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { DirectoryList, DirectorySearch, DirectoryService, DirectoryServiceBody } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

// a directory of a few thousand services is well under a megabyte of CSV
const ImportBody = Type.Object(
  { csv: Type.String({ minLength: 1, maxLength: 1_000_000 }) },
  { additionalProperties: false },
)

export const directoryRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/helplines/:id/directory',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, querystring: DirectorySearch, response: { 200: DirectoryList, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      requireRole(actor, request.params.id, 'volunteer')
      return loadDirectory(pool, request.params.id, request.query, services.clock())
    },
  )

  app.get(
    '/api/helplines/:id/directory.csv',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, response: { 200: Type.String(), ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      requireRole(actor, request.params.id, 'coordinator')
      const { services: list } = await loadDirectory(pool, request.params.id, {}, services.clock())
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="servizi.csv"')
        .send(directoryToCsv(list))
    },
  )

  app.put(
    '/api/helplines/:id/directory.csv',
    {
      config: { policy: staff('coordinator') },
      // a whole directory: far more than the 64 KB other bodies may be
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        params: ById,
        body: ImportBody,
        response: { 200: Type.Object({ imported: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        importDirectory(tx, actor, { helplineId: request.params.id, csv: request.body.csv }),
      )
    },
  )

  app.post(
    '/api/helplines/:id/directory',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, body: DirectoryServiceBody, response: { 201: DirectoryService, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const saved = await withTransaction(pool, (tx) =>
        saveDirectoryService(tx, actor, {
          helplineId: request.params.id,
          body: request.body,
          now: services.clock(),
        }),
      )
      return reply.status(201).send(saved)
    },
  )

  app.put(
    '/api/directory/:id',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, body: DirectoryServiceBody, response: { 200: DirectoryService, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, async (tx) => {
        const helplineId = await findDirectoryServiceHelpline(tx, helplineIdsOf(actor), request.params.id)
        return saveDirectoryService(tx, actor, {
          helplineId,
          id: request.params.id,
          body: request.body,
          now: services.clock(),
        })
      })
    },
  )

  app.delete(
    '/api/directory/:id',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, async (tx) => {
        const helplineId = await findDirectoryServiceHelpline(tx, helplineIdsOf(actor), request.params.id)
        await deleteDirectoryService(tx, actor, { helplineId, id: request.params.id })
      })
      return reply.status(204).send(null)
    },
  )
}
