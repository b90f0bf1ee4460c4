// What the rota's tests set up: a helpline's opening hours through its settings, and a mailbox
// whose SMTP is a local server (only its sending is used: the digest, the reminders, the on-call alert).
import { emailConnection } from '@ascolto/channels'
import { connectChannel, instantInZone } from '@ascolto/core'
import type { LocalSmtp } from './local-mail.ts'
import { call, type TestServer } from './test-server.ts'

/** A wall-clock time in Rome, 'YYYY-MM-DD HH:MM'. */
export const rome = (local: string) => instantInZone(local.replace(' ', 'T'), 'Europe/Rome') as Date

/** Sets the weekly hours (e.g. { sat: [{ start: '19:00', end: '21:00' }] }), as the coordinator. */
export async function setOpening(
  server: { url: string },
  helplineId: string,
  coordinatorCookie: string,
  weekly: Record<string, Array<{ start: string; end: string }>>,
) {
  const url = `${server.url}/api/helplines/${helplineId}/settings`
  const settings = await call(url, { cookie: coordinatorCookie })
  const opening = { weekly, exceptions: [], closures: [], closedOnPublicHolidays: false }
  const saved = await call(url, {
    method: 'PUT',
    cookie: coordinatorCookie,
    body: { ...settings.body, opening },
  })
  if (saved.status !== 200) throw new Error(`opening hours refused: ${JSON.stringify(saved.body)}`)
}

export async function connectLocalMailbox(
  server: TestServer,
  helplineId: string,
  smtp: LocalSmtp,
  /** a real mailbox to read (local-mail.ts's Dovecot), where the test writes in by e-mail */
  imap?: { host: string; port: number; password: string },
) {
  const { config, secrets } = emailConnection({
    address: 'ascolto@helpline.example.org',
    displayName: 'Linea di ascolto',
    // never answers, and its failure names no address (the worker looks at mailboxes now and then,
    // and the suite's logs are scanned for IP addresses)
    imap: { host: imap?.host ?? 'imap.invalid', port: imap?.port ?? 1, secure: false },
    smtp: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user },
    imapPassword: imap?.password ?? 'unused-here',
    smtpPassword: smtp.password,
    replySubject: 'Linea di ascolto',
  })
  return connectChannel(server.pool, server.services.keyring, {
    helplineId,
    kind: 'email',
    name: 'E-mail',
    config,
    secrets,
  })
}
