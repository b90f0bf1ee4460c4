// Real mail servers on this machine for the e-mail tests: Debian's Dovecot as the helpline's IMAP
// server (its own configuration, users and maildirs in a temporary folder, started and stopped
// by the test), and an SMTP server from the smtp-server package that keeps what it is given and
// refuses on demand (a 4xx to try again later, a 5xx that is final).
import { spawn } from 'node:child_process'
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer as createNetServer, connect as netConnect } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'
import { emailConnection } from '@ascolto/channels'
import { connectChannel, type Services } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import { ImapFlow } from 'imapflow'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export type Dovecot = {
  host: string
  port: number
  /** A mail arriving in the user's mailbox (IMAP APPEND, as a delivery agent would put it). */
  deliver: (user: string, raw: string | Buffer) => Promise<void>
  /** The flags of every mail in the user's INBOX, oldest first. */
  flags: (user: string) => Promise<string[][]>
  close: () => Promise<void>
}

export async function startDovecot(users: Record<string, string>): Promise<Dovecot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ascolto-dovecot-'))
  const port = await freePort()
  for (const sub of ['run', 'state', 'home']) await mkdir(path.join(dir, sub))
  await writeFile(
    path.join(dir, 'passwd'),
    Object.entries(users)
      .map(([user, password]) => `${user}:{PLAIN}${password}`)
      .join('\n'),
  )
  // Dovecot never reads mail as root: run as root (CI), the mailboxes belong to its own user
  let uid = process.getuid?.() ?? 0
  let gid = process.getgid?.() ?? 0
  if (uid === 0) {
    const entry = (await readFile('/etc/passwd', 'utf8'))
      .split('\n')
      .find((line) => line.startsWith('dovecot:'))
    const [, , u, g] = entry?.split(':') ?? []
    uid = Number(u)
    gid = Number(g)
    await chmod(dir, 0o711)
    await chown(path.join(dir, 'home'), uid, gid)
  }
  await writeFile(
    path.join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
# IDLE tells of a new mail within a second (a server with inotify tells at once)
mailbox_idle_check_interval = 1 secs
service imap-login {
  chroot =
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
# the users file stays in the test's private folder: read by processes running as this user
service auth {
  user = ${userInfo().username}
}
service auth-worker {
  user = ${userInfo().username}
}
`,
  )
  const child = spawn('/usr/sbin/dovecot', ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // ready when it greets
  const deadline = Date.now() + 10_000
  for (;;) {
    const ready = await new Promise<boolean>((resolve) => {
      const socket = netConnect(port, '127.0.0.1')
      socket.once('data', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (ready) break
    if (Date.now() > deadline) {
      const log = await readFile(path.join(dir, 'log'), 'utf8').catch(() => '')
      child.kill()
      throw new Error(`Dovecot did not start: ${log.slice(-500)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }

  const session = async <T>(user: string, work: (imap: ImapFlow) => Promise<T>) => {
    const imap = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: users[user] ?? '' },
      logger: false,
    })
    await imap.connect()
    try {
      return await work(imap)
    } finally {
      await imap.logout()
    }
  }

  return {
    host: '127.0.0.1',
    port,
    deliver: (user, raw) =>
      session(user, async (imap) => {
        await imap.append('INBOX', raw)
      }),
    flags: (user) =>
      session(user, async (imap) => {
        await imap.mailboxOpen('INBOX')
        const all: string[][] = []
        for await (const mail of imap.fetch('1:*', { flags: true })) all.push([...(mail.flags ?? [])])
        return all
      }),
    close: async () => {
      child.kill('SIGTERM')
      await exited
      if (!process.env.KEEP_DOVECOT) await rm(dir, { recursive: true, force: true })
    },
  }
}

export type ReceivedMail = { from: string; to: string[]; raw: Buffer; mail: ParsedMail }

export type LocalSmtp = {
  host: string
  port: number
  user: string
  password: string
  received: ReceivedMail[]
  /** The next `times` mails are refused with this SMTP code (4xx: later; 5xx: final). */
  refuse: (times: number, code: number) => void
  close: () => Promise<void>
}

export async function startLocalSmtp(): Promise<LocalSmtp> {
  const user = 'ascolto'
  const password = 'smtp-password-for-tests'
  const received: ReceivedMail[] = []
  const refusals: number[] = []
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: false,
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) => {
      if (auth.username === user && auth.password === password) return callback(null, { user })
      return callback(new Error('Invalid username or password'))
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', async () => {
        const code = refusals.shift()
        if (code) {
          const error = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & {
            responseCode: number
          }
          error.responseCode = code
          return callback(error)
        }
        const raw = Buffer.concat(chunks)
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          mail: await simpleParser(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as { port: number }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    received,
    refuse: (times, code) => {
      for (let i = 0; i < times; i++) refusals.push(code)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A mailbox on the local Dovecot connected as the helpline's e-mail door, replies through the local SMTP. */
export async function connectLocalMailbox(
  server: { pool: Pool; services: Services },
  mail: { dovecot: Dovecot; smtp: LocalSmtp; address: string; password: string },
  input: { helplineId: string; displayName: string; replySubject: string },
) {
  const { config, secrets } = emailConnection({
    address: mail.address,
    displayName: input.displayName,
    imap: { host: mail.dovecot.host, port: mail.dovecot.port, secure: false },
    smtp: { host: mail.smtp.host, port: mail.smtp.port, secure: false, user: mail.smtp.user },
    imapPassword: mail.password,
    smtpPassword: mail.smtp.password,
    replySubject: input.replySubject,
  })
  const { id } = await connectChannel(server.pool, server.services.keyring, {
    helplineId: input.helplineId,
    kind: 'email',
    name: 'E-mail',
    config,
    secrets,
  })
  return { channelId: id }
}
