// The Ascolto the week runs against: started in this process on the embedded PostgreSQL or the
// machine's server, its clock the simulation's; one helpline with the service's settings file
// (as its coordinator would save it), its doors connected to local fakes of the providers, and
// its staff: a coordinator, volunteers and supervisors, each with their own account.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { emailConnection } from '@ascolto/channels'
import { loadConfig } from '@ascolto/config'
import type { Services } from '@ascolto/core'
import { addMembership, connectChannel, createChannel, createHelpline, createUser } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { HelplineSettings } from '@ascolto/protocol'
import { startAscolto } from '../../apps/server/src/main.ts'
import { connectFakeTelegram, startFakeTelegram } from '../../apps/server/src/testing/fake-telegram.ts'
import { connectFakeTwilio, startFakeTwilio } from '../../apps/server/src/testing/fake-twilio.ts'
import { connectFakeWhatsApp, startFakeWhatsApp } from '../../apps/server/src/testing/fake-whatsapp.ts'
import { startDovecot, startLocalSmtp } from '../../apps/server/src/testing/local-mail.ts'
import { type BenchDatabase, database, databasesToRun } from '../lib.ts'
import type { Door, Profile } from './profiles.ts'

const PUBLIC_URL = 'https://ascolto.simulation.example.org'
const PASSWORD = 'simulation password, long enough'

export type SimClock = { now: number }

export type Staff = {
  userId: string
  email: string
  name: string
  role: 'volunteer' | 'supervisor' | 'coordinator'
}

export type Installation = Awaited<ReturnType<typeof startInstallation>>

/** Signs in through the console's API: the session cookie. */
export async function signIn(url: string, email: string) {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (response.status !== 200) throw new Error(`sign-in refused: ${response.status}`)
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

export async function loadSettingsFile(name: string): Promise<HelplineSettings> {
  const file = path.join(import.meta.dirname, '..', '..', 'docs', 'settings', `${name}.json`)
  const { $schema: _, ...settings } = JSON.parse(await readFile(file, 'utf8'))
  return settings
}

/** The embedded PostgreSQL, the machine's server (the default where one answers), or a given database (a test's). */
export type DatabaseChoice = 'embedded' | 'server' | { url: string }

export async function startInstallation(profile: Profile, clock: SimClock, choice?: DatabaseChoice) {
  const db: Pick<BenchDatabase, 'kind' | 'url' | 'close'> =
    typeof choice === 'object'
      ? { kind: 'given database', url: choice.url, close: async () => {} }
      : await database(choice ?? (await databasesToRun()).at(-1) ?? 'embedded')
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-simulation-'))
  const running = await startAscolto(
    loadConfig({
      DATABASE_URL: db.url,
      ASCOLTO_DATA_DIR: dataDir,
      ASCOLTO_MASTER_KEY: randomBytes(32).toString('hex'),
      ASCOLTO_PUBLIC_URL: PUBLIC_URL,
      ASCOLTO_SECOND_FACTOR: 'optional',
      PORT: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    }),
    { clock: () => new Date(clock.now) },
  )
  const { pool, services, url } = running
  const settings = await loadSettingsFile(profile.name)
  const helpline = await createHelpline(pool, {
    slug: `sim-${randomBytes(3).toString('hex')}`,
    name: settings.name,
  })
  const helplineId = helpline.id

  const staff: Staff[] = []
  const member = async (name: string, role: Staff['role']) => {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}@simulation.example.org`
    const user = await createUser(pool, { email, displayName: name, password: PASSWORD })
    await addMembership(pool, { userId: user.id, helplineId, role })
    await pool.query(
      `insert into helpline_security (helpline_id, volunteer_second_factor) values ($1, false)
       on conflict (helpline_id) do update set volunteer_second_factor = false`,
      [helplineId],
    )
    const person: Staff = { userId: user.id, email, name, role }
    staff.push(person)
    return person
  }
  const coordinator = await member('Coordinatrice', 'coordinator')
  const coordinatorCookie = await signIn(url, coordinator.email)
  const saved = await fetch(`${url}/api/helplines/${helplineId}/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: coordinatorCookie },
    body: JSON.stringify(settings),
  })
  if (saved.status !== 200) throw new Error(`settings refused: ${saved.status} ${await saved.text()}`)

  const doors = await connectDoors(running, helplineId, Object.keys(profile.doors) as Door[])
  return {
    url,
    pool,
    services,
    helplineId,
    settings,
    staff,
    member,
    coordinatorCookie,
    doors,
    databaseKind: db.kind,
    close: async () => {
      await running.stop()
      await doors.close()
      await db.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** The providers' fakes, and a channel of the helpline on each door the service has. */
async function connectDoors(
  server: { pool: Pool; services: Services; url: string },
  helplineId: string,
  doors: Door[],
) {
  const closers: Array<() => Promise<void>> = []
  const whatsapp = doors.includes('whatsapp') ? await startFakeWhatsApp() : undefined
  const twilio = doors.includes('sms') || doors.includes('voicemail') ? await startFakeTwilio() : undefined
  const telegram = doors.includes('telegram') ? await startFakeTelegram() : undefined
  const mail = doors.includes('email') ? await connectMailbox(server, helplineId) : undefined
  for (const fake of [whatsapp, twilio, telegram, mail]) if (fake) closers.push(() => fake.close())
  return {
    whatsapp: whatsapp && {
      fake: whatsapp,
      channel: await connectFakeWhatsApp(server, whatsapp, { helplineId }),
    },
    twilio: twilio && {
      fake: twilio,
      channel: await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, twilio, { helplineId }),
    },
    telegram: telegram && {
      fake: telegram,
      channel: await connectFakeTelegram(server, telegram, { helplineId }),
    },
    email: mail,
    widget: doors.includes('widget')
      ? await createChannel(server.pool, { helplineId, kind: 'webchat', name: 'Chat del sito' })
      : undefined,
    close: async () => {
      for (const close of closers) await close()
    },
  }
}

/**
 * The helpline's mailbox on a Dovecot of its own (IMAP, read by Ascolto's worker as in production)
 * and the SMTP server replies leave by, as the e-mail tests have them; the e-mail channel on both.
 */
async function connectMailbox(server: { pool: Pool; services: Services }, helplineId: string) {
  const address = 'aiuto@helpline.simulation.example.org'
  const password = randomBytes(12).toString('hex')
  const dovecot = await startDovecot({ [address]: password })
  const smtp = await startLocalSmtp()
  const { config, secrets } = emailConnection({
    address,
    displayName: 'Linea di aiuto',
    imap: { host: dovecot.host, port: dovecot.port, secure: false },
    smtp: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user },
    imapPassword: password,
    smtpPassword: smtp.password,
    replySubject: 'Risposta dalla linea di aiuto',
  })
  const channel = await connectChannel(server.pool, server.services.keyring, {
    helplineId,
    kind: 'email',
    name: 'E-mail',
    config,
    secrets,
  })
  return {
    address,
    channelId: channel.id,
    /** A mail arriving in the helpline's mailbox, as the delivery agent would put it. */
    deliver: (raw: string) => dovecot.deliver(address, raw),
    /** The mails Ascolto sent by SMTP. */
    sent: smtp.received,
    close: async () => {
      await smtp.close()
      await dovecot.close()
    },
  }
}
