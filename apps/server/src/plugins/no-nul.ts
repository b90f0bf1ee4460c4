// No text Ascolto stores or searches may hold a NUL character: PostgreSQL refuses it in text, and
// the refusal would come back as a 500 from wherever it reached the database. Every query and JSON
// body is checked once here, before validation, and refused as bad input.
import { AscoltoError } from '@ascolto/core'
import type { FastifyInstance } from 'fastify'

const holdsNul = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\u0000')
  // a webhook's raw body is checked by its own parser, after its signature
  if (ArrayBuffer.isView(value)) return false
  if (Array.isArray(value)) return value.some(holdsNul)
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => holdsNul(k) || holdsNul(v))
  return false
}

export function refuseNulCharacters(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (holdsNul(request.query) || holdsNul(request.body)) {
      throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'Text cannot hold a NUL character')
    }
  })
}
