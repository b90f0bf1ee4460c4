// "Password dimenticata?": a link by e-mail through a helpline's mailbox (a local SMTP server at the
// network edge), or issued by a coordinator; the same answer for an address with or without an
// account, throttled alike; the link works once and expires, only its hash is stored, and using it
// ends the account's sessions (an open console is dropped). Audited; nothing across the wall.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { AuditEventView } from '@ascolto/protocol'
import { type LocalSmtp, startLocalSmtp } from '../../../testing/local-mail.ts'
import { connectLocalMailbox } from '../../../testing/rota-fixtures.ts'
import { connectConsole } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../../../testing/test-server.ts'

const NEW_PASSWORD = 'una password nuova e lunga'

describe('password reset', () => {
  let smtp: LocalSmtp
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  before(async () => {
    smtp = await startLocalSmtp()
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
  })
  after(async () => {
    await server?.close()
    await smtp?.close()
  })

  const ask = (email: string, from: string) =>
    call(`${server.url}/api/password-reset/request`, {
      body: { email },
      headers: { 'x-forwarded-for': from },
    })
  const lookup = (token: string) => call(`${server.url}/api/password-reset/lookup`, { body: { token } })
  const complete = (token: string, password = NEW_PASSWORD) =>
    call(`${server.url}/api/password-reset/complete`, { body: { token, password } })
  const signIn = (email: string, password: string) =>
    call(`${server.url}/api/session`, { body: { email, password } })
  const tokenOf = (text: string) => /#\/reset\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? ''
  const auditActions = async () =>
    (
      (await call(`${server.url}/api/helplines/${line.helplineId}/audit`, { cookie: coordinator.cookie }))
        .body.events as AuditEventView[]
    ).map((e) => e.action)

  it('mails a single-use link where the helpline has a mailbox, and the link ends every session', async () => {
    const anna = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Anna')
    // no mailbox yet: the same answer, nothing queued
    const before = await ask(anna.email, '198.51.100.1')
    assert.equal(before.status, 202)
    const queued = await server.pool.query("select 1 from outbox where kind = 'password_reset'")
    assert.equal(queued.rowCount, 0)

    await connectLocalMailbox(server, line.helplineId, smtp)
    const unknown = await ask('nessuno@example.org', '198.51.100.1')
    const known = await ask(anna.email.toUpperCase(), '198.51.100.1')
    assert.deepEqual([unknown.status, unknown.body], [known.status, known.body], 'the same answer')
    assert.equal(known.status, 202)

    const deadline = Date.now() + 15_000
    while (!smtp.received.some((m) => m.to.includes(anna.email)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25))
    const mails = smtp.received.filter((m) => m.to.includes(anna.email))
    assert.equal(mails.length, 1)
    assert.ok(!smtp.received.some((m) => m.to.includes('nessuno@example.org')))
    const text = mails[0]?.mail.text ?? ''
    assert.match(text, /reimpostare la password/)
    const token = tokenOf(text)
    assert.ok(token, text)
    const stored = await server.pool.query<{ token_hash: Buffer }>('select token_hash from password_reset')
    for (const row of stored.rows) assert.ok(!row.token_hash.toString('latin1').includes(token))
    const outbox = await server.pool.query<{ payload: unknown }>(
      "select payload from outbox where kind = 'password_reset'",
    )
    assert.ok(!JSON.stringify(outbox.rows).includes(token), 'the queued link is sealed')

    assert.deepEqual((await lookup(token)).body, { email: anna.email })
    const console = await connectConsole(server.url, anna.cookie)
    const dropped = new Promise<void>((resolve) => console.on('disconnect', () => resolve()))
    const short = await complete(token, 'corta')
    assert.equal(short.status, 400, 'a password too short changes nothing')
    const done = await complete(token)
    assert.equal(done.status, 200)
    assert.deepEqual(done.body, { email: anna.email })
    await dropped
    assert.equal((await call(`${server.url}/api/session`, { cookie: anna.cookie })).status, 401)
    assert.equal((await signIn(anna.email, TEST_PASSWORD)).status, 401)
    assert.equal((await signIn(anna.email, NEW_PASSWORD)).status, 200)

    // single use
    assert.equal((await complete(token, 'ancora un’altra password')).status, 410)
    assert.equal((await lookup(token)).status, 410)
    const actions = await auditActions()
    assert.ok(actions.includes('staff.password_reset_mailed'))
    assert.ok(actions.includes('staff.password_reset'))
  })

  it('throttles asking per address and per client, known or not alike', async () => {
    const bruno = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Bruno')
    const statuses = async (email: string, from: (i: number) => string) => {
      const seen: number[] = []
      for (let i = 0; i < 6; i++) seen.push((await ask(email, from(i))).status)
      return seen
    }
    // per address asked for, from different clients
    const forKnown = await statuses(bruno.email, (i) => `203.0.113.${i + 1}`)
    const forUnknown = await statuses('sconosciuta@example.org', (i) => `203.0.113.${i + 20}`)
    assert.deepEqual(forKnown, [202, 202, 202, 202, 202, 429])
    assert.deepEqual(forUnknown, forKnown)
    const refused = await ask(bruno.email, '203.0.113.99')
    assert.equal(refused.status, 429)
    assert.equal(refused.body.code, 'ASCOLTO_ERR_RATE_LIMITED')
    assert.ok(Number(refused.headers.get('retry-after')) > 0)
    // per client, across many addresses
    const fromOne: number[] = []
    for (let i = 0; i < 21; i++) fromOne.push((await ask(`p${i}@example.org`, '192.0.2.7')).status)
    assert.equal(fromOne.at(-1), 429)
    assert.ok(fromOne.slice(0, 20).every((s) => s === 202))
  })

  it('lets a coordinator issue a link for a member of their helpline only, and expires it', async () => {
    const other = await makeHelpline(server.pool)
    const stranger = await makeOperator(server, [{ helplineId: other.helplineId, role: 'volunteer' }])
    const chiara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Chiara')
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    const issue = (userId: string, cookie = coordinator.cookie, helplineId = line.helplineId) =>
      call(`${server.url}/api/helplines/${helplineId}/members/${userId}/password-reset`, {
        cookie,
        body: {},
      })

    assert.equal((await issue(stranger.userId)).status, 404, 'another helpline’s member')
    assert.equal((await issue(chiara.userId, coordinator.cookie, other.helplineId)).status, 404)
    assert.equal((await issue(chiara.userId, volunteer.cookie)).status, 403)

    const issued = await issue(chiara.userId)
    assert.equal(issued.status, 201)
    const token = tokenOf(issued.body.link)
    assert.ok(Date.parse(issued.body.expiresAt) > Date.now() + 23 * 3600_000)
    assert.deepEqual((await lookup(token)).body, { email: chiara.email })

    // expired: refused, and the password stays
    await server.pool.query(
      `update password_reset set created_at = now() - interval '2 days', expires_at = now() - interval '1 second'
        where user_id = $1`,
      [chiara.userId],
    )
    assert.equal((await lookup(token)).status, 410)
    assert.equal((await complete(token)).status, 410)
    assert.equal((await signIn(chiara.email, TEST_PASSWORD)).status, 200)

    // a second link works; the first stays spent, and a deactivated account's link no longer works
    const second = tokenOf((await issue(chiara.userId)).body.link)
    assert.equal((await complete(second)).status, 200)
    const third = tokenOf((await issue(chiara.userId)).body.link)
    await call(`${server.url}/api/helplines/${line.helplineId}/members/${chiara.userId}/deactivate`, {
      cookie: coordinator.cookie,
      body: {},
    })
    assert.equal((await complete(third)).status, 410)
    assert.ok((await auditActions()).includes('staff.password_reset_issued'))
  })
})
