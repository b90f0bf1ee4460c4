// E-mail: a helpline's mailbox. Mail is read from IMAP by the worker (watch-inbox.ts, IDLE) and
// goes through the same ingest as every channel; replies leave by SMTP (send.ts), threaded under
// the person's last mail. See README.md.
import { usableConnection } from '../kit/connection-checks.ts'
import type { ChannelAdapter } from '../kit/contract.ts'
import { configOf, secretOf } from './config.ts'
import { fetchMailAttachment } from './fetch-media.ts'
import { sendEmail } from './send.ts'

export const emailAdapter = {
  kind: 'email',
  capabilities: { media: false, typing: false, readReceipts: false },

  send: async (connection, to, message) => {
    const [config, password] = usableConnection(
      () => [configOf(connection), secretOf(connection, 'smtpPassword')] as const,
    )
    return sendEmail(config, password, to, message, null)
  },

  fetchMedia: async (connection, media, limits) => {
    const [config, password] = usableConnection(
      () => [configOf(connection), secretOf(connection, 'imapPassword')] as const,
    )
    return fetchMailAttachment(config, password, media, limits)
  },
} satisfies ChannelAdapter
