// `ascolto connect-twilio` and `connect-telegram` as an administrator runs them: the real CLI on a
// real database, secrets from files, sealed in the row, the webhook URL printed (or, for
// Telegram, set at the Bot API itself: here the fake); a bad call names every problem and
// creates nothing.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createKeyring, openChannelSecrets } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { type FakeTelegram, startFakeTelegram } from '../testing/fake-telegram.ts'
import { makeHelpline } from '../testing/test-server.ts'

const cli = path.resolve(import.meta.dirname, '..', 'cli.ts')

describe('ascolto connect-twilio and connect-telegram', () => {
  let database: TestDatabase
  let dir: string
  const masterKey = randomBytes(32).toString('hex')
  const slug = `doors-${randomBytes(3).toString('hex')}`
  let helplineId: string
  let telegram: FakeTelegram

  before(async () => {
    telegram = await startFakeTelegram()
    database = await createTestDatabase()
    dir = await mkdtemp(path.join(tmpdir(), 'ascolto-doors-cli-'))
    ;({ helplineId } = await makeHelpline(database.pool, slug))
  })
  after(async () => {
    await telegram?.close()
    await database?.drop()
    await rm(dir, { recursive: true, force: true })
  })

  function run(args: string[]) {
    const child = spawn(process.execPath, [cli, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        ASCOLTO_DATA_DIR: dir,
        ASCOLTO_MASTER_KEY: masterKey,
        ASCOLTO_PUBLIC_URL: 'https://ascolto.example.org',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('exit', (code) => resolve({ code, stdout, stderr })),
    )
  }

  const channels = async (kind: string) =>
    (
      await database.pool.query(
        'select id, config, secrets from channel where helpline_id = $1 and kind = $2 order by created_at',
        [helplineId, kind],
      )
    ).rows

  it('connects a Twilio number: the token sealed, one webhook URL for messages and calls', async () => {
    const authToken = randomBytes(16).toString('hex')
    await writeFile(path.join(dir, 'twilio-token'), `${authToken}\n`)
    const accountSid = `AC${randomBytes(16).toString('hex')}`
    const result = await run([
      'connect-twilio',
      '--helpline',
      slug,
      '--account-sid',
      accountSid,
      '--phone-number',
      '+39 02 1234 5678',
      '--auth-token-file',
      path.join(dir, 'twilio-token'),
      '--forward-to',
      '+393401112233',
    ])
    assert.equal(result.code, 0, result.stderr)
    const [channel] = await channels('twilio')
    assert.ok(channel)
    const url = `https://ascolto.example.org/webhooks/twilio/${channel.id}`
    assert.match(result.stdout, new RegExp(`"A message comes in": +Webhook, HTTP POST, ${url}\\n`))
    assert.match(result.stdout, new RegExp(`"A call comes in": +Webhook, HTTP POST, ${url}\\n`))
    assert.doesNotMatch(result.stdout, new RegExp(authToken))
    assert.deepEqual(channel.config, {
      accountSid,
      phoneNumber: '+390212345678',
      apiBaseUrl: 'https://api.twilio.com',
      publicUrl: 'https://ascolto.example.org',
      forwardTo: '+393401112233',
    })
    assert.equal(channel.secrets.includes(Buffer.from(authToken)), false)
    const keyring = createKeyring(Buffer.from(masterKey, 'hex'))
    assert.deepEqual(openChannelSecrets(keyring, { id: channel.id, helplineId }, channel.secrets), {
      authToken,
    })
  })

  it('Twilio: names every problem at once, and creates nothing', async () => {
    const before = (await channels('twilio')).length
    const result = await run([
      'connect-twilio',
      '--helpline',
      slug,
      '--phone-number',
      '021234567',
      '--auth-token-file',
      path.join(dir, 'missing'),
      '--forward-to',
      'the office',
    ])
    assert.equal(result.code, 2)
    for (const problem of [
      /--auth-token-file: cannot read/,
      /--account-sid is required/,
      /phone number/,
      /forward to/,
    ]) {
      assert.match(result.stderr, problem)
    }
    assert.equal((await channels('twilio')).length, before)
  })

  it('connects a Telegram bot: the token sealed, the webhook set at the Bot API with the sealed secret', async () => {
    await writeFile(path.join(dir, 'bot-token'), `${telegram.botToken}\n`)
    const result = await run([
      'connect-telegram',
      '--helpline',
      slug,
      '--token-file',
      path.join(dir, 'bot-token'),
      '--api-url',
      telegram.url,
    ])
    assert.equal(result.code, 0, result.stderr)
    const [channel] = await channels('telegram')
    assert.ok(channel)
    assert.match(result.stdout, /Telegram @ascolto_test_bot connected/)
    assert.doesNotMatch(result.stdout, new RegExp(telegram.botToken))
    assert.deepEqual(channel.config, {
      botId: String(telegram.botId),
      botUsername: 'ascolto_test_bot',
      apiBaseUrl: telegram.url,
    })
    const keyring = createKeyring(Buffer.from(masterKey, 'hex'))
    const secrets = openChannelSecrets(keyring, { id: channel.id, helplineId }, channel.secrets)
    assert.equal(secrets?.botToken, telegram.botToken)
    assert.equal(channel.secrets.includes(Buffer.from(telegram.botToken)), false)
    assert.deepEqual(telegram.webhooks.at(-1), {
      url: `https://ascolto.example.org/webhooks/telegram/${channel.id}`,
      secretToken: secrets?.webhookSecret,
      allowedUpdates: ['message'],
    })
  })

  it('Telegram: a token the Bot API refuses creates nothing', async () => {
    const before = (await channels('telegram')).length
    await writeFile(path.join(dir, 'wrong-token'), `${telegram.botId}:AA${'z'.repeat(33)}`)
    const refused = await run([
      'connect-telegram',
      '--helpline',
      slug,
      '--token-file',
      path.join(dir, 'wrong-token'),
      '--api-url',
      telegram.url,
    ])
    assert.equal(refused.code, 2, refused.stderr)
    assert.match(refused.stderr, /Telegram refused it/)
    const missing = await run(['connect-telegram', '--helpline', slug])
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /--token-file is required/)
    assert.equal((await channels('telegram')).length, before)
  })

  it('connects a mailbox: passwords sealed, both servers kept; names every problem at once', async () => {
    await writeFile(path.join(dir, 'imap-password'), 'una password lunga\n')
    const result = await run([
      'connect-email',
      '--helpline',
      slug,
      '--address',
      'Ascolto@Example.org',
      '--imap-host',
      'imap.example.org',
      '--imap-password-file',
      path.join(dir, 'imap-password'),
      '--smtp-host',
      'smtp.example.org',
      '--smtp-port',
      '587',
    ])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /Mailbox ascolto@example\.org connected/)
    const [channel] = await channels('email')
    assert.ok(channel)
    assert.deepEqual(channel.config.imap, {
      host: 'imap.example.org',
      port: 993,
      secure: true,
      user: 'ascolto@example.org',
    })
    assert.deepEqual(channel.config.smtp, {
      host: 'smtp.example.org',
      port: 587,
      secure: true,
      user: 'ascolto@example.org',
    })
    const keyring = createKeyring(Buffer.from(masterKey, 'hex'))
    assert.deepEqual(openChannelSecrets(keyring, { id: channel.id, helplineId }, channel.secrets), {
      imapPassword: 'una password lunga',
      smtpPassword: 'una password lunga',
    })
    assert.equal(channel.secrets.includes(Buffer.from('una password lunga')), false)

    const bad = await run([
      'connect-email',
      '--helpline',
      slug,
      '--address',
      'not an address',
      '--smtp-port',
      '0',
    ])
    assert.equal(bad.code, 2)
    for (const problem of [
      /--imap-password-file is required/,
      /address: an e-mail address/,
      /IMAP host/,
      /SMTP port/,
    ]) {
      assert.match(bad.stderr, problem)
    }
    assert.equal((await channels('email')).length, 1)
  })
})
