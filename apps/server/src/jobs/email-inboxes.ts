// The worker's mail readers: one IMAP watch (IDLE) per e-mail channel, each mail through the same
// ingest as every channel (one transaction, deduplicated by its Message-ID), marked read only
// once stored. Channels added or removed later are picked up on the next look (every 5 s: one small query).
import { emailConfigOf, type InboxWatch, parseMail, watchInbox } from '@ascolto/channels'
import { listChannelsOfKind, receiveChannelEvents, type Services } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'

const LOOK_EVERY_MS = 5000

export type EmailInboxes = { start: (services: Services) => Promise<void>; stop: () => Promise<void> }

export function createEmailInboxes(pool: Pool, log: FastifyBaseLogger): EmailInboxes {
  const watches = new Map<string, { watch: InboxWatch; fingerprint: string }>()
  let timer: NodeJS.Timeout | undefined

  async function look(services: Services) {
    const channels = await listChannelsOfKind(pool, services.keyring, 'email')
    const wanted = new Set(channels.map((c) => c.id))
    for (const [id, { watch }] of watches) {
      if (!wanted.has(id)) {
        watches.delete(id)
        await watch.stop()
      }
    }
    for (const connection of channels) {
      // a changed setting or password: the watch starts again with it
      const fingerprint = JSON.stringify([connection.config, connection.secrets])
      const running = watches.get(connection.id)
      if (running?.fingerprint === fingerprint) continue
      await running?.watch.stop()
      let config: ReturnType<typeof emailConfigOf>
      try {
        config = emailConfigOf(connection)
      } catch (error) {
        log.warn({ channelId: connection.id, err: error }, 'e-mail channel not usable')
        continue
      }
      const watch = watchInbox(config, connection.secrets?.imapPassword ?? '', {
        take: async (raw) => {
          const mail = await parseMail(raw, services.clock())
          if (typeof mail === 'string') {
            log.info({ channelId: connection.id, ignored: mail }, 'mail not taken')
            return
          }
          const counts = await receiveChannelEvents(
            { pool, services },
            connection,
            { messages: mail, statuses: [] },
            // the helpline's own mailbox, not a webhook anyone could replay: a late mail is still taken
            { anyAge: true },
          )
          log.info({ channelId: connection.id, ...counts }, 'mail')
        },
        // the error's code only: a connection error's message names the mail server's address
        problem: (error) =>
          log.warn(
            { channelId: connection.id, code: (error as { code?: string } | null)?.code ?? 'unknown' },
            'mailbox',
          ),
      })
      watches.set(connection.id, { watch, fingerprint })
    }
  }

  return {
    start: async (services) => {
      await look(services).catch((error: unknown) => log.warn({ err: error }, 'e-mail channels'))
      timer = setInterval(() => {
        look(services).catch((error: unknown) => log.warn({ err: error }, 'e-mail channels'))
      }, LOOK_EVERY_MS)
      timer.unref()
    },
    stop: async () => {
      clearInterval(timer)
      await Promise.all([...watches.values()].map(({ watch }) => watch.stop()))
      watches.clear()
    },
  }
}
