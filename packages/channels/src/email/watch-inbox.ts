// Reading the helpline's mailbox with imapflow, in the worker: at connection every unseen mail,
// then IDLE, so a new mail is read the moment the server says it exists. A mail is marked \Seen
// only once `take` says it is stored (committed): a worker that dies in between reads it again,
// and the Message-ID makes that a no-op. A lost connection is opened again after a pause.
import { ImapFlow } from 'imapflow'
import type { EmailConfig } from './config.ts'

export type InboxWatch = { stop: () => Promise<void> }

export type InboxEvents = {
  /** One mail's bytes: resolves once it is stored (or deliberately not taken). */
  take: (raw: Buffer) => Promise<void>
  /** A failure worth the log (never with a mail's content). */
  problem: (error: unknown) => void
}

const RECONNECT_MS = 5000

export function watchInbox(config: EmailConfig, password: string, events: InboxEvents): InboxWatch {
  let stopped = false
  let client: ImapFlow | undefined
  let wake: (() => void) | undefined

  async function readUnseen(imap: ImapFlow) {
    // a NOOP first: a server that announced a new mail during IDLE may not show it to SEARCH before
    await imap.noop()
    const uids = (await imap.search({ seen: false }, { uid: true })) || []
    for (const uid of uids) {
      const mail = await imap.fetchOne(String(uid), { source: true }, { uid: true })
      if (mail === false || !mail.source) continue
      await events.take(mail.source)
      await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true })
    }
  }

  async function session() {
    const imap = new ImapFlow({
      host: config.imap.host,
      port: config.imap.port,
      secure: config.imap.secure,
      auth: { user: config.imap.user, pass: password },
      logger: false,
      // IDLE a second after the last command (imapflow's default waits 15 s): a new mail is read at once
      autoIdleDelay: 1000,
      // STARTTLS when the server offers it; a local server without TLS is allowed
      doSTARTTLS: undefined,
    })
    client = imap
    let pending = Promise.resolve()
    let dirty = true
    const drain = () => {
      pending = pending.then(async () => {
        while (dirty && !stopped) {
          dirty = false
          await readUnseen(imap)
        }
      })
      return pending
    }
    imap.on('exists', () => {
      dirty = true
      drain().catch(events.problem)
    })
    const closed = new Promise<void>((resolve) => imap.once('close', () => resolve()))
    await imap.connect()
    await imap.mailboxOpen(config.mailbox)
    await drain()
    // imapflow IDLEs by itself while no command runs; 'exists' wakes it
    await closed
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        await session()
      } catch (error) {
        if (!stopped) events.problem(error)
      }
      if (stopped) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, RECONNECT_MS)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  })()

  return {
    stop: async () => {
      stopped = true
      wake?.()
      await client?.logout().catch(() => client?.close())
      await loop
    },
  }
}
