// `ascolto connect-email`: a helpline's mailbox as a new channel. Passwords come from files, are
// checked with the rest at once and stored sealed; the worker starts reading the mailbox within
// seconds (IMAP, IDLE) and replies leave by SMTP from the helpline's address.
import { emailConnection } from '@ascolto/channels'
import { connectChannel, type Keyring } from '@ascolto/core'
import type { Queryable } from '@ascolto/db'
import { checkedConnection, readSecretFile } from './connection-input.ts'
import { helplineIdOf } from './settings.ts'

export type ConnectEmailOptions = {
  helpline: string
  name?: string
  address?: string
  displayName?: string
  imapHost?: string
  imapPort?: string
  imapUser?: string
  imapPasswordFile?: string
  smtpHost?: string
  smtpPort?: string
  smtpUser?: string
  smtpPasswordFile?: string
  /** A server on this machine or network without TLS (a local relay, a test server). */
  plain?: boolean
  replySubject?: string
}

const portOf = (value: string | undefined) => (value ? Number(value) : undefined)

export async function connectEmail(db: Queryable, keyring: Keyring, options: ConnectEmailOptions) {
  const problems: string[] = []
  const imapPassword = await readSecretFile(options.imapPasswordFile, 'imap-password-file', problems)
  const smtpPassword = options.smtpPasswordFile
    ? await readSecretFile(options.smtpPasswordFile, 'smtp-password-file', problems)
    : imapPassword
  const connection = checkedConnection(problems, () =>
    emailConnection({
      address: options.address,
      displayName: options.displayName,
      imap: {
        host: options.imapHost,
        port: portOf(options.imapPort),
        user: options.imapUser,
        secure: !options.plain,
      },
      smtp: {
        host: options.smtpHost,
        port: portOf(options.smtpPort),
        user: options.smtpUser,
        secure: !options.plain,
      },
      // what could not be read is reported once, above
      imapPassword: imapPassword ?? 'x',
      smtpPassword: smtpPassword ?? 'x',
      replySubject: options.replySubject,
    }),
  )
  const { config, secrets } = connection
  const helplineId = await helplineIdOf(db, options.helpline)
  const channel = await connectChannel(db, keyring, {
    helplineId,
    kind: 'email',
    name: options.name ?? 'E-mail',
    config,
    secrets,
  })
  return { channelId: channel.id, config }
}

export function formatEmailConnected(connected: Awaited<ReturnType<typeof connectEmail>>): string {
  const { config } = connected
  return [
    `Mailbox ${config.address} connected (channel ${connected.channelId}).`,
    `The worker reads ${config.mailbox} at ${config.imap.host}:${config.imap.port} and replies through ${config.smtp.host}:${config.smtp.port}.`,
    'Mail already in the folder and not yet read is taken too; each mail is marked read once stored.',
  ].join('\n')
}
