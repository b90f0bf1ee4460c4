// Files in a conversation. A volunteer attaches one to a reply (checked, sealed, sent through
// the outbox). The files people sent, for the console: decrypted on the way out, never cached, served with
// the type Ascolto checked when it stored them (nosniff comes with the security headers), and as
// a download unless it is a picture, a sound or a video the console shows in the page; a player
// may ask for part of it (Range), as it does to learn a voice note's length and to seek. A
// session's first read of a file, whatever part, is in the helpline's log; its later ones are not.
import { readMessageMedia, sendAttachment } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { AttachmentBody, MAX_ATTACHMENT_BYTES, MessageView } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor, requireSession } from '../../../plugins/auth.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'
import { byteRangeOf } from './byte-range.ts'

/** The file's bytes as they are: Fastify sends a buffer unserialised. */
const FileBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' })

export const mediaRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.post(
    '/api/conversations/:id/attachments',
    {
      // a 16 MB file in base64, and its caption
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4096,
      config: { policy: { access: 'staff', least: 'volunteer' } },
      schema: { params: ById, body: AttachmentBody, response: { 201: MessageView, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const { mimeType, data, caption } = request.body
      const message = await withTransaction(pool, (tx, afterCommit) =>
        sendAttachment({ tx, afterCommit, services }, actor, request.params.id, {
          bytes: Buffer.from(data, 'base64'),
          mimeType,
          caption,
        }),
      )
      return reply.status(201).send(message)
    },
  )

  app.get(
    '/api/messages/:id/media',
    { schema: { params: ById, response: { 200: FileBytes, 206: FileBytes, 416: FileBytes, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const { sessionStartedAt } = await requireSession(pool, request)
      const file = await withTransaction(pool, (tx) =>
        readMessageMedia(tx, services.keyring, actor, request.params.id, { startedAt: sessionStartedAt }),
      )
      reply
        .header('cache-control', 'no-store, private')
        .header('content-disposition', file.inline ? 'inline' : 'attachment; filename="file"')
        .header('accept-ranges', 'bytes')
        .type(file.mimeType)
      const size = file.bytes.length
      const range = byteRangeOf(request.headers.range, size)
      if (range === 'unsatisfiable') {
        return reply.status(416).header('content-range', `bytes */${size}`).send(Buffer.alloc(0))
      }
      if (!range) return reply.send(file.bytes)
      return reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .send(file.bytes.subarray(range.start, range.end + 1))
    },
  )
}
