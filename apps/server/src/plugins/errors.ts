// Every error leaves as { code, message }: coded errors with their status, validation with what
// is wrong, and 5xx with nothing but an apology (the details go to the log, by id).
import { AscoltoError } from '@ascolto/core'
import type { FastifyError, FastifyInstance } from 'fastify'

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AscoltoError) {
      const problems =
        'problems' in error && Array.isArray(error.problems) ? { problems: error.problems } : {}
      const fileProblems =
        'fileProblems' in error && Array.isArray(error.fileProblems)
          ? { fileProblems: error.fileProblems }
          : {}
      return reply
        .status(error.status)
        .send({ code: error.code, message: error.message, ...problems, ...fileProblems })
    }
    if (error.validation) {
      return reply.status(400).send({ code: 'ASCOLTO_ERR_VALIDATION', message: error.message })
    }
    const status = error.statusCode ?? 500
    if (status < 500) {
      return reply
        .status(status)
        .send({ code: error.code ?? 'ASCOLTO_ERR_BAD_REQUEST', message: error.message })
    }
    request.log.error({ err: error }, 'request failed')
    return reply
      .status(status)
      .send({ code: 'ASCOLTO_ERR_INTERNAL', message: 'Something went wrong on our side' })
  })
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ code: 'ASCOLTO_ERR_NOT_FOUND', message: 'Not found' }),
  )
}
