// E-mail: a helpline's mailbox. Mail is read from IMAP by the worker (watch-inbox.ts, IDLE) and
// goes through the same ingest as every channel; replies leave by SMTP (send.ts), threaded under
// the person's last mail. See README.md.
import { type ChannelAdapter, ChannelConfigError, ChannelSendError } from '../kit/contract.ts'
import { configOf, secretOf } from './config.ts'
import { fetchMailAttachment } from './fetch-media.ts'
import { sendEmail } from './send.ts'

export const emailAdapter = {
  kind: 'email',
  capabilities: { media: false, typing: false, readReceipts: false },

  send: async (connection, to, message) => {
    let config: ReturnType<typeof configOf>
    let password: string
    try {
      config = configOf(connection)
      password = secretOf(connection, 'smtpPassword')
    } catch (error) {
      // a broken connection is fixed by an administrator: the reply waits in the outbox meanwhile
      if (error instanceof ChannelConfigError) {
        throw new ChannelSendError('ASCOLTO_ERR_CHANNEL_CONFIG', error.message, true)
      }
      throw error
    }
    return sendEmail(config, password, to, message, null)
  },

  fetchMedia: async (connection, media, limits) => {
    const config = configOf(connection)
    return fetchMailAttachment(config, secretOf(connection, 'imapPassword'), media, limits)
  },
} satisfies ChannelAdapter
