// A helpline's mailbox: plain settings (its address, the IMAP server people's mail is read from,
// the SMTP server replies leave by) and secrets (the two passwords, often the same one).
import { ChannelConfigError, type ChannelConnection } from '../kit/contract.ts'

export type MailServer = { host: string; port: number; secure: boolean; user: string }

export type EmailConfig = {
  /** The helpline's address: the sender of replies, where people write. */
  address: string
  /** Shown with the address in replies: "Linea di ascolto <ascolto@example.org>". */
  displayName: string | null
  imap: MailServer
  smtp: MailServer
  /** The folder people's mail arrives in. */
  mailbox: string
  /** The subject of a reply that answers no subject ("Re: …" otherwise). */
  replySubject: string
  /** How long a send may take before it is tried again later (default 10 s). */
  timeoutMs?: number
}

export type EmailSecrets = { imapPassword: string; smtpPassword: string }

export type EmailConnectionInput = {
  address?: string
  displayName?: string | null
  imap?: Partial<MailServer>
  smtp?: Partial<MailServer>
  mailbox?: string
  replySubject?: string
  imapPassword?: string
  smtpPassword?: string
}

const ADDRESS = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}$/
const HOST = /^[A-Za-z0-9.-]{1,253}$|^\[[0-9a-fA-F:.]+\]$/

function problemsOfServer(name: string, server: Partial<MailServer> | undefined): string[] {
  const problems: string[] = []
  if (!server || typeof server.host !== 'string' || !HOST.test(server.host))
    problems.push(`${name} host: a host name`)
  if (!server || !Number.isInteger(server.port) || Number(server.port) < 1 || Number(server.port) > 65_535) {
    problems.push(`${name} port: 1 to 65535`)
  }
  if (!server || typeof server.user !== 'string' || server.user.length === 0)
    problems.push(`${name} user: the login`)
  return problems
}

function problemsOfConfig(config: Partial<EmailConfig>): string[] {
  const problems: string[] = []
  if (typeof config.address !== 'string' || !ADDRESS.test(config.address))
    problems.push('address: an e-mail address')
  problems.push(...problemsOfServer('IMAP', config.imap), ...problemsOfServer('SMTP', config.smtp))
  if (typeof config.mailbox !== 'string' || config.mailbox.length === 0)
    problems.push('mailbox: a folder name')
  if (typeof config.replySubject !== 'string' || config.replySubject.length === 0)
    problems.push('reply subject')
  return problems
}

/** Checks a mailbox's settings and secrets, naming every problem at once. */
export function emailConnection(input: EmailConnectionInput): { config: EmailConfig; secrets: EmailSecrets } {
  const address = input.address?.trim().toLowerCase() ?? ''
  const server = (given: Partial<MailServer> | undefined, port: number, secure: boolean): MailServer => ({
    host: given?.host?.trim() ?? '',
    port: given?.port ?? port,
    secure: given?.secure ?? secure,
    user: given?.user?.trim() || address,
  })
  const config: EmailConfig = {
    address,
    displayName: input.displayName?.trim() || null,
    imap: server(input.imap, 993, true),
    smtp: server(input.smtp, 465, true),
    mailbox: input.mailbox?.trim() || 'INBOX',
    replySubject: input.replySubject?.trim() || 'Re:',
  }
  const secrets = {
    imapPassword: input.imapPassword ?? '',
    smtpPassword: input.smtpPassword ?? input.imapPassword ?? '',
  }
  const problems = problemsOfConfig(config)
  if (!secrets.imapPassword) problems.push('IMAP password: missing')
  if (!secrets.smtpPassword) problems.push('SMTP password: missing')
  if (problems.length > 0) throw new ChannelConfigError(problems)
  return { config, secrets }
}

export function configOf(connection: ChannelConnection): EmailConfig {
  const config = connection.config as Partial<EmailConfig>
  const problems = problemsOfConfig(config)
  if (problems.length > 0) throw new ChannelConfigError(problems)
  return config as EmailConfig
}

export function secretOf(connection: ChannelConnection, name: keyof EmailSecrets): string {
  const value = connection.secrets?.[name]
  if (!value) throw new ChannelConfigError([`${name} is not configured`])
  return value
}
