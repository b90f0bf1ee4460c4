// `ascolto connect-whatsapp` as an administrator runs it: the real CLI on a real database, tokens
// from files, sealed in the row, the callback URL printed; a bad call names every problem and
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
import { makeHelpline } from '../testing/test-server.ts'

const cli = path.resolve(import.meta.dirname, '..', 'cli.ts')

describe('ascolto connect-whatsapp', () => {
  let database: TestDatabase
  let dir: string
  const masterKey = randomBytes(32).toString('hex')
  const slug = `wa-${randomBytes(3).toString('hex')}`
  let helplineId: string

  before(async () => {
    database = await createTestDatabase()
    dir = await mkdtemp(path.join(tmpdir(), 'ascolto-whatsapp-cli-'))
    ;({ helplineId } = await makeHelpline(database.pool, slug))
  })
  after(async () => {
    await database?.drop()
    await rm(dir, { recursive: true, force: true })
  })

  function run(args: string[]) {
    const child = spawn(process.execPath, [cli, 'connect-whatsapp', ...args], {
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

  const channels = async () =>
    (
      await database.pool.query(
        `select id, config, secrets from channel where helpline_id = $1 and kind = 'whatsapp' order by created_at`,
        [helplineId],
      )
    ).rows

  it('connects a number: secrets sealed, the callback URL printed with an opaque id', async () => {
    const accessToken = `EAAG${randomBytes(32).toString('hex')}`
    const appSecret = randomBytes(16).toString('hex')
    await writeFile(path.join(dir, 'token'), `${accessToken}\n`)
    await writeFile(path.join(dir, 'app-secret'), `${appSecret}\n`)
    const result = await run([
      '--helpline',
      slug,
      '--phone-number-id',
      '109876543210123',
      '--access-token-file',
      path.join(dir, 'token'),
      '--app-secret-file',
      path.join(dir, 'app-secret'),
    ])
    assert.equal(result.code, 0, result.stderr)
    const [channel] = await channels()
    assert.ok(channel)
    assert.match(
      result.stdout,
      new RegExp(`Callback URL: +https://ascolto\\.example\\.org/webhooks/whatsapp/${channel.id}\\n`),
    )
    const verifyToken = /Verify token: +(\S+)/.exec(result.stdout)?.[1]
    assert.ok(verifyToken && verifyToken.length >= 32)
    assert.doesNotMatch(result.stdout, new RegExp(accessToken))
    assert.doesNotMatch(result.stdout, new RegExp(appSecret))

    assert.deepEqual(channel.config, {
      phoneNumberId: '109876543210123',
      graphBaseUrl: 'https://graph.facebook.com',
      apiVersion: 'v24.0',
    })
    // sealed: nothing of a secret in the row in clear, and the master key opens them
    for (const secret of [accessToken, appSecret, verifyToken]) {
      assert.equal(channel.secrets.includes(Buffer.from(secret)), false)
    }
    const keyring = createKeyring(Buffer.from(masterKey, 'hex'))
    assert.deepEqual(openChannelSecrets(keyring, { id: channel.id, helplineId }, channel.secrets), {
      accessToken,
      appSecret,
      verifyToken,
    })
  })

  it('names every problem at once, and creates nothing', async () => {
    const before = (await channels()).length
    const result = await run([
      '--helpline',
      slug,
      '--phone-number-id',
      '+39 02 1234567',
      '--access-token-file',
      path.join(dir, 'missing-token'),
      '--verify-token',
      'short',
      '--graph-url',
      'ftp://example.org',
    ])
    assert.equal(result.code, 2)
    for (const problem of [
      /--access-token-file: cannot read/,
      /--app-secret-file is required/,
      /phone number id/,
      /verify token/,
      /graph base URL/,
    ]) {
      assert.match(result.stderr, problem)
    }
    assert.equal((await channels()).length, before)
  })

  it('takes the approved template, read receipts and a pace, and checks them with the rest', async () => {
    const common = [
      '--helpline',
      slug,
      '--phone-number-id',
      '109876543210124',
      '--access-token-file',
      path.join(dir, 'token'),
      '--app-secret-file',
      path.join(dir, 'app-secret'),
    ]
    const refused = await run([...common, '--template', 'Risposta In Attesa', '--max-per-second', '0'])
    assert.equal(refused.code, 2)
    for (const problem of [/template name/, /template language/, /template text/, /messages per second/]) {
      assert.match(refused.stderr, problem)
    }
    const result = await run([
      ...common,
      '--template',
      'risposta_in_attesa',
      '--template-language',
      'it',
      '--template-text',
      'Hai una risposta da noi: rispondi a questo messaggio per leggerla.',
      '--mark-as-read',
      '--max-per-second',
      '20',
    ])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /the template "risposta_in_attesa" asks the person to answer/)
    const channel = (await channels()).at(-1)
    assert.deepEqual(channel?.config, {
      phoneNumberId: '109876543210124',
      graphBaseUrl: 'https://graph.facebook.com',
      apiVersion: 'v24.0',
      template: {
        name: 'risposta_in_attesa',
        language: 'it',
        text: 'Hai una risposta da noi: rispondi a questo messaggio per leggerla.',
      },
      markAsRead: true,
      maxPerSecond: 20,
    })
  })
})
