import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../context.ts'

/** Liveness (the process answers) and readiness (the database answers too). */
export const healthRoutes: FastifyPluginAsync<AppContext> = async (app, { pool }) => {
  app.get('/health', async () => ({ status: 'ok' }))
  app.get('/ready', async (_request, reply) => {
    try {
      await pool.query('select 1')
      return { status: 'ready' }
    } catch {
      return reply.status(503).send({ status: 'database unreachable' })
    }
  })
}
