// Signing in for real: brute force locked out (per account and per address, a lock that ends),
// a second factor that a supervisor is made to set up and that cannot be replayed, a cookie that
// is dead after sign-out, and a session that keeps the helpline's idle time.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { addMembership, createUser, sessionTag, THROTTLE } from '@ascolto/core'
import { generate } from 'otplib'
import { SESSION_SWEEP_MS } from '../../../realtime/socket-server.ts'
import { connectConsole } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  relaxVolunteerSecondFactor,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../../../testing/test-server.ts'

describe('signing in', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }

  before(async () => {
    server = await startTestServer({ ASCOLTO_SECOND_FACTOR: 'required' })
    line = await makeHelpline(server.pool)
    // this helpline relaxed the second factor for its volunteers, so their sessions here are whole
    await relaxVolunteerSecondFactor(server.pool, line.helplineId)
  })
  after(() => server.close())

  async function person(role: 'volunteer' | 'supervisor' | 'coordinator', helplineId = line.helplineId) {
    const email = `${randomBytes(5).toString('hex')}@example.org`
    const user = await createUser(server.pool, { email, displayName: 'Giulia', password: TEST_PASSWORD })
    await addMembership(server.pool, { userId: user.id, helplineId, role })
    return { userId: user.id, email }
  }
  // each test signs in from its own address, so the per-address count is the test's own
  const signIn = (body: Record<string, string>, address: string) =>
    call(`${server.url}/api/session`, { body, headers: { 'x-forwarded-for': address } })
  const cookieOf = (response: { headers: Headers }) =>
    (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

  it('locks out a brute force on one account, and lets the volunteer in once the lock ends', async () => {
    const volunteer = await person('volunteer')
    const address = '198.51.100.7'
    const guesses = ['123456', 'password', 'qwerty', 'ascolto', 'letmein', 'iloveyou', 'admin']
    const statuses: number[] = []
    for (const guess of guesses)
      statuses.push((await signIn({ email: volunteer.email, password: guess }, address)).status)
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429])
    // while locked, even the right password is not checked: the lock is no oracle
    const locked = await signIn({ email: volunteer.email, password: TEST_PASSWORD }, '203.0.113.9')
    assert.equal(locked.status, 429)
    assert.equal(locked.body.code, 'ASCOLTO_ERR_RATE_LIMITED')
    const wait = Number(locked.headers.get('retry-after'))
    assert.ok(wait > 0 && wait <= THROTTLE.firstLockSeconds, `retry-after ${wait}`)

    // the lock doubles with each failure after it, and never passes its cap
    const row = await server.pool.query<{ failures: number; seconds: number }>(
      `select failures, extract(epoch from locked_until - last_failure_at)::int as seconds from sign_in_throttle
        where key = sha256(convert_to('account:' || $1, 'UTF8'))`,
      [volunteer.email],
    )
    assert.deepEqual(row.rows, [{ failures: THROTTLE.account.free, seconds: THROTTLE.firstLockSeconds }])
    await server.pool.query(
      `update sign_in_throttle set failures = 60 where key = sha256(convert_to('account:' || $1, 'UTF8'))`,
      [volunteer.email],
    )
    await server.pool.query(`update sign_in_throttle set locked_until = now() - interval '1 second'`)
    assert.equal((await signIn({ email: volunteer.email, password: 'wrong again' }, address)).status, 401)
    const capped = await server.pool.query<{ seconds: number }>(
      `select round(extract(epoch from locked_until - last_failure_at))::int as seconds from sign_in_throttle
        where key = sha256(convert_to('account:' || $1, 'UTF8'))`,
      [volunteer.email],
    )
    assert.equal(capped.rows[0]?.seconds, THROTTLE.maxLockSeconds)

    // the coordinators of the volunteer's helpline see that someone tried, once per lock
    const locks = await server.pool.query(
      `select helpline_id, actor_id from audit_event where action = 'staff.sign_in_locked' and subject_id = $1`,
      [volunteer.userId],
    )
    assert.deepEqual(locks.rows, [{ helpline_id: line.helplineId, actor_id: null }])

    // time passes (the lock's end is moved, not waited for): the right password works again
    await server.pool.query(`update sign_in_throttle set locked_until = now() - interval '1 second'`)
    const welcome = await signIn({ email: volunteer.email, password: TEST_PASSWORD }, address)
    assert.equal(welcome.status, 200)
    const left = await server.pool.query(
      `select 1 from sign_in_throttle where key = sha256(convert_to('account:' || $1, 'UTF8'))`,
      [volunteer.email],
    )
    assert.equal(left.rowCount, 0, 'a success forgets the account’s failures')
  })

  it('locks out one address trying many accounts', async () => {
    const address = '192.0.2.44'
    const statuses: number[] = []
    for (let i = 0; i < THROTTLE.address.free + 2; i++) {
      statuses.push((await signIn({ email: `nobody${i}@example.org`, password: 'guess' }, address)).status)
    }
    assert.deepEqual(statuses.slice(0, THROTTLE.address.free), Array(THROTTLE.address.free).fill(401))
    assert.deepEqual(statuses.slice(THROTTLE.address.free), [429, 429])
    // another address is not slowed down
    const volunteer = await person('volunteer')
    assert.equal(
      (await signIn({ email: volunteer.email, password: TEST_PASSWORD }, '192.0.2.45')).status,
      200,
    )
  })

  it('believes X-Forwarded-For only from a trusted proxy, so a direct client cannot dodge the address count', async () => {
    const direct = await startTestServer({ ASCOLTO_TRUST_PROXY: '203.0.113.250' })
    try {
      const statuses: number[] = []
      for (let i = 0; i < THROTTLE.address.free + 1; i++) {
        const response = await call(`${direct.url}/api/session`, {
          body: { email: `nobody${i}@example.org`, password: 'guess' },
          // a new address at every try: ignored, the connection's own address is counted
          headers: { 'x-forwarded-for': `198.18.0.${i + 1}` },
        })
        statuses.push(response.status)
      }
      assert.equal(statuses.at(-1), 429)
    } finally {
      await direct.close()
    }
  })

  it('makes a supervisor set up a second factor, then asks for a code that works once', async () => {
    const supervisor = await person('supervisor')
    const address = '198.51.100.20'
    const first = await signIn({ email: supervisor.email, password: TEST_PASSWORD }, address)
    assert.equal(first.status, 200)
    assert.deepEqual(first.body.secondFactor, { enrolled: false, required: true, mustEnrol: true })
    const cookie = cookieOf(first)
    // nothing else until it is set up: not the queue, not the socket's data
    const queue = await call(`${server.url}/api/conversations`, { cookie })
    assert.equal(queue.status, 403)
    assert.equal(queue.body.code, 'ASCOLTO_ERR_SECOND_FACTOR_ENROLMENT')

    const enrolment = await call(`${server.url}/api/session/totp`, { cookie, body: {} })
    assert.equal(enrolment.status, 200)
    assert.match(enrolment.body.uri, /^otpauth:\/\/totp\/Ascolto:.+\?secret=[A-Z2-7]+/)
    const sealed = await server.pool.query<{ secret_sealed: Buffer }>(
      'select secret_sealed from user_totp where user_id = $1',
      [supervisor.userId],
    )
    assert.ok(
      !sealed.rows[0]?.secret_sealed.toString('latin1').includes(enrolment.body.secret),
      'sealed at rest',
    )
    const wrong = await call(`${server.url}/api/session/totp/confirm`, { cookie, body: { code: '000000' } })
    assert.equal(wrong.status, 400)
    const now = Math.floor(Date.now() / 1000)
    const code = await generate({ secret: enrolment.body.secret, epoch: now })
    const confirmed = await call(`${server.url}/api/session/totp/confirm`, { cookie, body: { code } })
    assert.equal(confirmed.status, 200)
    assert.equal(confirmed.body.recoveryCodes.length, 10)
    assert.equal((await call(`${server.url}/api/conversations`, { cookie })).status, 200)

    // the next sign-in needs a code; the one already used is refused (no replay), the next step's works
    const noCode = await signIn({ email: supervisor.email, password: TEST_PASSWORD }, address)
    assert.equal(noCode.status, 401)
    assert.equal(noCode.body.code, 'ASCOLTO_ERR_SECOND_FACTOR_REQUIRED')
    assert.equal(noCode.headers.get('set-cookie'), null)
    const replay = await signIn({ email: supervisor.email, password: TEST_PASSWORD, code }, address)
    assert.equal(replay.status, 401)
    const next = await generate({ secret: enrolment.body.secret, epoch: now + 30 })
    const withCode = await signIn({ email: supervisor.email, password: TEST_PASSWORD, code: next }, address)
    assert.equal(withCode.status, 200)
    assert.deepEqual(withCode.body.secondFactor, { enrolled: true, required: true, mustEnrol: false })

    // a recovery code works once, and only its hash was stored
    const [recovery] = confirmed.body.recoveryCodes as string[]
    assert.ok(recovery)
    const stored = await server.pool.query('select code_hash from recovery_code where user_id = $1', [
      supervisor.userId,
    ])
    assert.ok(stored.rows.every((r) => !r.code_hash.toString('latin1').includes(recovery)))
    assert.equal(
      (await signIn({ email: supervisor.email, password: TEST_PASSWORD, code: recovery }, address)).status,
      200,
    )
    assert.equal(
      (await signIn({ email: supervisor.email, password: TEST_PASSWORD, code: recovery }, address)).status,
      401,
    )
  })

  /** A coordinator of this helpline, signed in with the second factor they set up. */
  async function enrolledCoordinator(helplineId: string, address: string) {
    const coordinator = await person('coordinator', helplineId)
    const cookie = cookieOf(await signIn({ email: coordinator.email, password: TEST_PASSWORD }, address))
    const { body } = await call(`${server.url}/api/session/totp`, { cookie, body: {} })
    const code = await generate({ secret: body.secret, epoch: Math.floor(Date.now() / 1000) })
    assert.equal(
      (await call(`${server.url}/api/session/totp/confirm`, { cookie, body: { code } })).status,
      200,
    )
    return { ...coordinator, cookie }
  }

  it('asks a second factor of every role by default; relaxing it for volunteers is audited; a stricter rule or a promotion reaches open sessions at once', async () => {
    const strict = await makeHelpline(server.pool)
    const address = '198.51.100.30'
    const volunteer = await person('volunteer', strict.helplineId)
    const first = await signIn({ email: volunteer.email, password: TEST_PASSWORD }, address)
    assert.deepEqual(first.body.secondFactor, { enrolled: false, required: true, mustEnrol: true })

    const coordinator = await enrolledCoordinator(strict.helplineId, address)
    const security = (volunteerSecondFactor: boolean) =>
      call(`${server.url}/api/helplines/${strict.helplineId}/security`, {
        method: 'PUT',
        cookie: coordinator.cookie,
        body: { volunteerSecondFactor, sessionIdleMinutes: 720, revealNeedsApproval: false },
      })
    const defaults = await call(`${server.url}/api/helplines/${strict.helplineId}/security`, {
      cookie: coordinator.cookie,
    })
    assert.equal(defaults.body.volunteerSecondFactor, true)
    assert.equal((await security(false)).status, 200)
    const { rows: audited } = await server.pool.query(
      `select actor_id, details from audit_event where helpline_id = $1 and action = 'helpline.security_changed'`,
      [strict.helplineId],
    )
    assert.deepEqual(
      audited.map((row) => [row.actor_id, row.details.volunteerSecondFactor]),
      [[coordinator.userId, false]],
    )

    // relaxed: the volunteer works, console open; the rule comes back: that session may only enrol now
    const relaxed = cookieOf(await signIn({ email: volunteer.email, password: TEST_PASSWORD }, address))
    assert.equal((await call(`${server.url}/api/conversations`, { cookie: relaxed })).status, 200)
    const socket = await connectConsole(server.url, relaxed)
    const dropped = new Promise((resolve) => socket.on('disconnect', resolve))
    assert.equal((await security(true)).status, 200)
    const after = await call(`${server.url}/api/conversations`, { cookie: relaxed })
    assert.equal(after.status, 403)
    assert.equal(after.body.code, 'ASCOLTO_ERR_SECOND_FACTOR_ENROLMENT')
    await dropped

    // relaxed again, and the volunteer made supervisor: the same at once
    assert.equal((await security(false)).status, 200)
    const promoted = cookieOf(await signIn({ email: volunteer.email, password: TEST_PASSWORD }, address))
    assert.equal((await call(`${server.url}/api/conversations`, { cookie: promoted })).status, 200)
    const role = await call(
      `${server.url}/api/helplines/${strict.helplineId}/members/${volunteer.userId}/role`,
      {
        method: 'PUT',
        cookie: coordinator.cookie,
        body: { role: 'supervisor' },
      },
    )
    assert.equal(role.status, 204)
    assert.equal((await call(`${server.url}/api/conversations`, { cookie: promoted })).status, 403)
  })

  it('kills the cookie at sign-out: the same cookie replayed gets nothing', async () => {
    const volunteer = await person('volunteer')
    const signedIn = await signIn({ email: volunteer.email, password: TEST_PASSWORD }, '198.51.100.40')
    const cookie = cookieOf(signedIn)
    assert.equal((await call(`${server.url}/api/conversations`, { cookie })).status, 200)
    assert.equal((await call(`${server.url}/api/session`, { method: 'DELETE', cookie })).status, 204)
    for (const path of ['/api/session', '/api/conversations', `/api/helplines/${line.helplineId}/settings`]) {
      assert.equal((await call(`${server.url}${path}`, { cookie })).status, 401, path)
    }
    const sessions = await server.pool.query('select 1 from user_session where user_id = $1', [
      volunteer.userId,
    ])
    assert.equal(sessions.rowCount, 0)
  })

  it('rotates the session at sign-in: a cookie planted before is dead after', async () => {
    const volunteer = await person('volunteer')
    const planted = cookieOf(
      await signIn({ email: volunteer.email, password: TEST_PASSWORD }, '198.51.100.60'),
    )
    const again = await call(`${server.url}/api/session`, {
      body: { email: volunteer.email, password: TEST_PASSWORD },
      cookie: planted,
      headers: { 'x-forwarded-for': '198.51.100.60' },
    })
    assert.equal(again.status, 200)
    const fresh = cookieOf(again)
    assert.notEqual(fresh, planted)
    assert.equal((await call(`${server.url}/api/session`, { cookie: planted })).status, 401)
    assert.equal((await call(`${server.url}/api/session`, { cookie: fresh })).status, 200)
    const cookie = again.headers.get('set-cookie') ?? ''
    assert.match(cookie, /HttpOnly/i)
    assert.match(cookie, /SameSite=Strict/i)
  })

  it('drops the console socket of a session signed out, and of one that ran out of idle time', async () => {
    const volunteer = await person('volunteer')
    const first = cookieOf(await signIn({ email: volunteer.email, password: TEST_PASSWORD }, '198.51.100.70'))
    const second = cookieOf(
      await signIn({ email: volunteer.email, password: TEST_PASSWORD }, '198.51.100.70'),
    )
    const signedOut = await connectConsole(server.url, first)
    const idle = await connectConsole(server.url, second)
    try {
      const dropped = new Promise<string>((resolve) => signedOut.once('disconnect', resolve))
      assert.equal((await call(`${server.url}/api/session`, { method: 'DELETE', cookie: first })).status, 204)
      assert.equal(await dropped, 'io server disconnect')
      assert.equal(idle.connected, true, 'the other session of the same person goes on')
      // and a sweep leaves a live session's socket alone
      await new Promise((resolve) => setTimeout(resolve, SESSION_SWEEP_MS + 2000))
      assert.equal(idle.connected, true, 'a live session survives the sweep')

      // its idle time over (moved, not waited for): the sweep drops it within its interval
      const swept = new Promise<string>((resolve) => idle.once('disconnect', resolve))
      await server.pool.query(
        `update user_session set expires_at = now() - interval '1 second' where token_hash = $1`,
        [Buffer.from(sessionTag(decodeURIComponent(second.split('=')[1] ?? '')), 'hex')],
      )
      const timeout = new Promise<string>((resolve) =>
        setTimeout(() => resolve('still connected'), 3 * SESSION_SWEEP_MS),
      )
      assert.equal(await Promise.race([swept, timeout]), 'io server disconnect')
    } finally {
      signedOut.disconnect()
      idle.disconnect()
    }
  })

  it('opens a session with the shortest idle time of the person’s helplines, and ends it after that idle time', async () => {
    const volunteer = await person('volunteer')
    await server.pool.query(
      `insert into helpline_security (helpline_id, session_idle_minutes) values ($1, 15)
       on conflict (helpline_id) do update set session_idle_minutes = 15`,
      [line.helplineId],
    )
    const signedIn = await signIn({ email: volunteer.email, password: TEST_PASSWORD }, '198.51.100.50')
    const cookie = cookieOf(signedIn)
    const session = await server.pool.query<{ idle_minutes: number; minutes: number }>(
      `select idle_minutes, round(extract(epoch from expires_at - last_seen_at) / 60)::int as minutes
         from user_session where user_id = $1`,
      [volunteer.userId],
    )
    assert.deepEqual(session.rows, [{ idle_minutes: 15, minutes: 15 }])
    // 16 idle minutes later (moved, not waited for), the session is over
    await server.pool.query(
      `update user_session set last_seen_at = now() - interval '16 minutes', expires_at = now() - interval '1 minute'
        where user_id = $1`,
      [volunteer.userId],
    )
    assert.equal((await call(`${server.url}/api/conversations`, { cookie })).status, 401)
    await server.pool.query(
      'update helpline_security set session_idle_minutes = 720 where helpline_id = $1',
      [line.helplineId],
    )
  })
})
