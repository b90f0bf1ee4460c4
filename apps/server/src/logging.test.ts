// Logs carry ids, never content: a whole conversation logged at debug level leaves no message
// text, no visitor token, no e-mail address, no second-factor secret and no IP address in any
// log line (the client's own, or one a trusted proxy forwarded); an installation that asks for
// them gets the network only.
import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { generate } from 'otplib'
import pino from 'pino'
import { loggerOptions } from './logger.ts'
import { eventually } from './testing/eventually.ts'
import { createLogSink } from './testing/log-scan.ts'
import { spawnAscolto, stopAscolto } from './testing/spawn-ascolto.ts'
import { call, visitorToken } from './testing/test-server.ts'

describe('logs', () => {
  let database: TestDatabase
  let dataDir: string
  // stopped in after() too, so a failing check does not leave it holding the database
  let running: Awaited<ReturnType<typeof spawnAscolto>> | undefined
  before(async () => {
    database = await createTestDatabase()
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-logs-'))
  })
  after(async () => {
    if (running) await stopAscolto(running)
    await database.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('carry no message text, token, password or e-mail address through a whole conversation', async () => {
    const ascolto = await spawnAscolto(
      {
        DATABASE_URL: database.url,
        ASCOLTO_DATA_DIR: dataDir,
        ASCOLTO_MASTER_KEY: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'trace',
        // the first admin enrols a second factor: its secret must stay out of the logs too
        ASCOLTO_SECOND_FACTOR: 'required',
      },
      ['--demo'],
    )
    running = ascolto
    const password = /with the password (\S+)/.exec(ascolto.output())?.[1] ?? ''
    const { rows } = await database.pool.query(
      `select ch.id from channel ch join helpline h on h.id = ch.helpline_id where h.slug = 'demo'`,
    )
    const channelId = rows[0].id
    const token = visitorToken()
    const secret = `il mio segreto ${randomUUID()}`
    // through a proxy on the same machine (trusted by default): the address it forwards is the client's
    await call(`${ascolto.url}/api/widget/v1/channels/${channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text: secret },
      headers: { 'x-forwarded-for': '203.0.113.77' },
    })
    const signIn = await call(`${ascolto.url}/api/session`, {
      body: { email: 'admin@ascolto.local', password },
    })
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    // the first admin sets up a second factor before anything else: its secret must not be logged either
    assert.equal(signIn.body.secondFactor.mustEnrol, true)
    const enrolment = await call(`${ascolto.url}/api/session/totp`, { cookie, body: {} })
    const confirmed = await call(`${ascolto.url}/api/session/totp/confirm`, {
      cookie,
      body: { code: await generate({ secret: enrolment.body.secret }) },
    })
    assert.equal(confirmed.status, 200)
    const [conversation] = (await call(`${ascolto.url}/api/conversations`, { cookie })).body.conversations
    await call(`${ascolto.url}/api/conversations/${conversation.id}/take`, { cookie, body: {} })
    const answer = `risposta riservata ${randomUUID()}`
    await call(`${ascolto.url}/api/conversations/${conversation.id}/messages`, {
      cookie,
      body: { text: answer },
    })
    await call(`${ascolto.url}/api/widget/v1/channels/${channelId}/messages`, { token })
    // the reply's delivery is the last thing the run logs: its line, not a pause, says it is done
    await eventually('the reply delivered and logged', () =>
      /"kind":"deliver_message"[^\n]*"msg":"outbox task"/.test(ascolto.output()),
    )
    await stopAscolto(ascolto)

    const logLines = ascolto
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
    assert.ok(logLines.length > 10, 'the run did log')
    const logs = logLines.join('\n')
    for (const forbidden of [
      secret,
      answer,
      token,
      'admin@ascolto.local',
      password,
      cookie.split('=')[1] ?? '',
      enrolment.body.secret,
      ...confirmed.body.recoveryCodes,
      '203.0.113.77',
      '127.0.0.1',
      'remoteAddress',
    ]) {
      assert.ok(forbidden && !logs.includes(forbidden), `a log line contains ${forbidden.slice(0, 12)}…`)
    }
  })

  it('keep only the network of an address where the installation asks for it', async () => {
    const sink = createLogSink()
    const log = pino(loggerOptions('info', 'truncated'), sink.stream)
    for (const ip of ['203.0.113.77', '::ffff:198.51.100.9', '2001:db8:1:2::17']) {
      log.info({ req: { method: 'POST', url: '/api/session?next=x', ip } }, 'incoming request')
    }
    log.flush()
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(
      sink.lines.map((line) => JSON.parse(line).req),
      [
        { method: 'POST', url: '/api/session', network: '203.0.113.0/24' },
        { method: 'POST', url: '/api/session', network: '198.51.100.0/24' },
        { method: 'POST', url: '/api/session', network: '2001:db8:1::/48' },
      ],
    )
  })
})
