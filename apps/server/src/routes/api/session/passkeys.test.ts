// Passkeys for real: WebAuthn ceremonies answered by a software authenticator (node:crypto P-256,
// CBOR, attestation "none"), against a server behind a proxy whose configured public URL is not
// the address the test calls. Registered from a session that may only set up a second factor,
// then used at sign-in in place of the code; refused with a wrong or replayed challenge, another
// origin, another operator's passkey, an unknown one, or a counter that went back.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { addMembership, createUser, REAUTHENTICATION_MINUTES, THROTTLE } from '@ascolto/core'
import type { PasskeyRequestOptions } from '@ascolto/protocol'
import { generate } from 'otplib'
import { createPasskey, type SoftPasskey, usePasskey } from '../../../testing/soft-authenticator.ts'
import {
  call,
  makeHelpline,
  relaxVolunteerSecondFactor,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../../../testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const ORIGIN = PUBLIC_URL

describe('passkeys as a second factor', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let addresses = 0

  before(async () => {
    server = await startTestServer({ ASCOLTO_SECOND_FACTOR: 'required', ASCOLTO_PUBLIC_URL: PUBLIC_URL })
    line = await makeHelpline(server.pool)
    await relaxVolunteerSecondFactor(server.pool, line.helplineId)
  })
  after(() => server.close())

  /** A person on the helpline, and a sign-in address of the test's own (the throttle counts per address). */
  async function person(role: 'volunteer' | 'supervisor') {
    const email = `${randomBytes(5).toString('hex')}@example.org`
    const user = await createUser(server.pool, { email, displayName: 'Marta', password: TEST_PASSWORD })
    await addMembership(server.pool, { userId: user.id, helplineId: line.helplineId, role })
    addresses += 1
    return { userId: user.id, email, address: `198.51.100.${addresses}` }
  }
  type Person = Awaited<ReturnType<typeof person>>
  const post = (path: string, who: Person, body: unknown, cookie?: string) =>
    call(`${server.url}${path}`, { body, cookie, headers: { 'x-forwarded-for': who.address } })
  const cookieOf = (response: { headers: Headers }) =>
    (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const credentials = (who: Person) => ({ email: who.email, password: TEST_PASSWORD })

  /** Signs in with the password alone, then registers a passkey from that session. */
  async function withPasskey(who: Person, name = 'Portatile') {
    const cookie = cookieOf(await post('/api/session', who, credentials(who)))
    const options = await post('/api/session/passkeys/options', who, {}, cookie)
    assert.equal(options.status, 200)
    const { passkey, response } = createPasskey(options.body, { origin: ORIGIN })
    const added = await post('/api/session/passkeys', who, { name, response }, cookie)
    assert.equal(added.status, 201, JSON.stringify(added.body))
    return { passkey, cookie, added: added.body }
  }
  const challenge = async (who: Person) => {
    const answer = await post('/api/session/passkey-challenge', who, credentials(who))
    assert.equal(answer.status, 200, JSON.stringify(answer.body))
    return answer.body
  }
  const signInWith = (
    who: Person,
    passkey: SoftPasskey,
    options: PasskeyRequestOptions,
    ceremony: { origin: string; challenge?: string } = { origin: ORIGIN },
  ) =>
    post('/api/session', who, {
      ...credentials(who),
      passkey: usePasskey(passkey, options, ceremony),
    })

  it('registers a passkey in place of the app at first sign-in, with the configured origin and recovery codes', async () => {
    const supervisor = await person('supervisor')
    const first = await post('/api/session', supervisor, credentials(supervisor))
    assert.deepEqual(first.body.secondFactor, { enrolled: false, required: true, mustEnrol: true })
    const cookie = cookieOf(first)
    const options = await post('/api/session/passkeys/options', supervisor, {}, cookie)
    assert.equal(options.status, 200)
    // the relying party is the configured public URL's host, not the Host this request named
    assert.equal(options.body.rp.id, 'ascolto.example.org')
    assert.equal(options.body.attestation, 'none')
    assert.equal(
      Buffer.from(options.body.user.id, 'base64url').toString('hex'),
      supervisor.userId.replace(/-/g, ''),
    )

    // the origin the request came to (the proxy's backend) is not the one passkeys are bound to
    const backend = createPasskey(options.body, { origin: server.url })
    const refused = await post(
      '/api/session/passkeys',
      supervisor,
      { name: 'X', response: backend.response },
      cookie,
    )
    assert.equal(refused.status, 400)
    // and that challenge is used up: the right origin with it is refused too
    const late = createPasskey(options.body, { origin: ORIGIN })
    assert.equal(
      (await post('/api/session/passkeys', supervisor, { name: 'X', response: late.response }, cookie))
        .status,
      400,
    )

    const fresh = await post('/api/session/passkeys/options', supervisor, {}, cookie)
    const { response } = createPasskey(fresh.body, { origin: ORIGIN })
    const added = await post('/api/session/passkeys', supervisor, { name: 'Chiave USB', response }, cookie)
    assert.equal(added.status, 201)
    assert.equal(added.body.passkey.name, 'Chiave USB')
    assert.equal(added.body.recoveryCodes.length, 10)
    // the session is a full one now
    assert.equal((await call(`${server.url}/api/conversations`, { cookie })).status, 200)
    const listed = await call(`${server.url}/api/session/passkeys`, { cookie })
    assert.deepEqual(
      listed.body.passkeys.map((p: { name: string; transports: string[] }) => [p.name, p.transports]),
      [['Chiave USB', ['internal']]],
    )
    assert.equal(listed.body.totp, false)
    const stored = await server.pool.query(
      'select credential_id, length(public_key) as key_bytes, counter from user_passkey where user_id = $1',
      [supervisor.userId],
    )
    assert.deepEqual(stored.rows, [{ credential_id: response.id, key_bytes: 77, counter: '0' }])
    const audit = await server.pool.query(
      `select details from audit_event where action = 'staff.passkey_added' and subject_id = $1`,
      [supervisor.userId],
    )
    assert.deepEqual(audit.rows, [{ details: { passkeyId: added.body.passkey.id } }])
  })

  it('asks for the password again before an app or a passkey is added, once the sign-in is older than the window', async () => {
    const volunteer = await person('volunteer')
    const cookie = cookieOf(await post('/api/session', volunteer, credentials(volunteer)))
    // the session proved its password a minute past the window ago
    await server.pool.query(
      `update user_session set password_at = now() - make_interval(mins => $2)
        where user_id = $1`,
      [volunteer.userId, REAUTHENTICATION_MINUTES + 1],
    )
    for (const path of [
      '/api/session/totp',
      '/api/session/passkeys/options',
      '/api/session/recovery-codes',
    ]) {
      const refused = await post(path, volunteer, {}, cookie)
      assert.equal(refused.status, 403, path)
      assert.equal(refused.body.code, 'ASCOLTO_ERR_REAUTHENTICATION_REQUIRED', path)
    }
    const failures = async () =>
      (await server.pool.query('select coalesce(sum(failures), 0)::int as n from sign_in_throttle')).rows[0].n
    const failedBefore = await failures()
    const wrong = await post('/api/session/reauthenticate', volunteer, { password: 'not it' }, cookie)
    assert.equal(wrong.status, 401)
    assert.equal(wrong.body.code, 'ASCOLTO_ERR_BAD_CREDENTIALS')
    assert.equal((await post('/api/session/totp', volunteer, {}, cookie)).status, 403)
    // the wrong password counted as a failed sign-in would
    assert.ok((await failures()) > failedBefore)

    const proven = await post('/api/session/reauthenticate', volunteer, { password: TEST_PASSWORD }, cookie)
    assert.equal(proven.status, 204)
    assert.equal((await post('/api/session/totp', volunteer, {}, cookie)).status, 200)
    assert.equal((await post('/api/session/passkeys/options', volunteer, {}, cookie)).status, 200)
  })

  it('issues recovery codes with the first factor only, and new ones on request alone, shown once and audited', async () => {
    const supervisor = await person('supervisor')
    const { cookie, added } = await withPasskey(supervisor)
    const first: string[] = added.recoveryCodes
    assert.equal(first.length, 10)
    const codeHashes = async () =>
      (
        await server.pool.query<{ code_hash: Buffer }>(
          'select code_hash from recovery_code where user_id = $1 order by code_hash',
          [supervisor.userId],
        )
      ).rows.map((row) => row.code_hash.toString('hex'))
    const kept = await codeHashes()

    // an authenticator app beside the passkey: no codes in the answer, the first ones untouched
    const enrolment = await post('/api/session/totp', supervisor, {}, cookie)
    const code = await generate({ secret: enrolment.body.secret, epoch: Math.floor(Date.now() / 1000) })
    const confirmed = await post('/api/session/totp/confirm', supervisor, { code }, cookie)
    assert.equal(confirmed.status, 200)
    assert.deepEqual(confirmed.body, {})
    assert.deepEqual(await codeHashes(), kept)

    // asked for: ten new ones, the old ones gone
    const renewed = await post('/api/session/recovery-codes', supervisor, {}, cookie)
    assert.equal(renewed.status, 200)
    assert.equal(renewed.body.recoveryCodes.length, 10)
    assert.ok(renewed.body.recoveryCodes.every((c: string) => !first.includes(c)))
    const now = await codeHashes()
    assert.equal(now.length, 10)
    assert.ok(now.every((hash) => !kept.includes(hash)))

    const audit = await server.pool.query<{ details: { why: string } }>(
      `select details from audit_event
        where subject_id = $1 and action = 'staff.recovery_codes_issued' order by id`,
      [supervisor.userId],
    )
    assert.deepEqual(
      audit.rows.map((row) => row.details.why),
      ['first_factor', 'requested'],
    )
  })

  it('refuses a registration answering the challenge of another session', async () => {
    const supervisor = await person('supervisor')
    const one = cookieOf(await post('/api/session', supervisor, credentials(supervisor)))
    const other = cookieOf(await post('/api/session', supervisor, credentials(supervisor)))
    const options = await post('/api/session/passkeys/options', supervisor, {}, one)
    const { response } = createPasskey(options.body, { origin: ORIGIN })
    const added = await post('/api/session/passkeys', supervisor, { name: 'Telefono', response }, other)
    assert.equal(added.status, 400)
    assert.equal(
      (await server.pool.query('select 1 from user_passkey where user_id = $1', [supervisor.userId]))
        .rowCount,
      0,
    )
  })

  it('signs in with password and passkey in place of the code, and audits it', async () => {
    const supervisor = await person('supervisor')
    const { passkey } = await withPasskey(supervisor)
    const noFactor = await post('/api/session', supervisor, credentials(supervisor))
    assert.equal(noFactor.body.code, 'ASCOLTO_ERR_SECOND_FACTOR_REQUIRED')
    // the challenge is handed out only for the right password
    const wrong = await post('/api/session/passkey-challenge', supervisor, {
      ...credentials(supervisor),
      password: 'nope',
    })
    assert.equal(wrong.status, 401)
    const options = await challenge(supervisor)
    assert.equal(options.rpId, 'ascolto.example.org')
    assert.deepEqual(
      options.allowCredentials.map((c: { id: string }) => c.id),
      [passkey.credentialId.toString('base64url')],
    )
    const signedIn = await signInWith(supervisor, passkey, options)
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body))
    assert.deepEqual(signedIn.body.secondFactor, { enrolled: true, required: true, mustEnrol: false })
    const row = await server.pool.query<{ counter: string; last_used_at: Date | null }>(
      'select counter, last_used_at from user_passkey where user_id = $1',
      [supervisor.userId],
    )
    assert.equal(row.rows[0]?.counter, '1')
    assert.ok(row.rows[0]?.last_used_at)
    const audit = await server.pool.query(
      `select details from audit_event where action = 'staff.signed_in' and subject_id = $1 order by id desc limit 1`,
      [supervisor.userId],
    )
    assert.deepEqual(audit.rows[0]?.details, { secondFactor: true, method: 'passkey' })

    // the same challenge twice: the second answer is refused even with a fresh signature
    const replayed = await signInWith(supervisor, passkey, options)
    assert.equal(replayed.status, 401)
    assert.equal(replayed.body.code, 'ASCOLTO_ERR_BAD_CREDENTIALS')
  })

  it('refuses a wrong challenge, another origin, an unknown passkey, another operator’s, and a counter that went back', async () => {
    const marta = await person('supervisor')
    const luca = await person('supervisor')
    const { passkey } = await withPasskey(marta)
    const { passkey: lucasPasskey } = await withPasskey(luca)
    const expectRefused = async (answer: Promise<{ status: number; body: { code: string } }>) => {
      const { status, body } = await answer
      assert.equal(status, 401)
      assert.equal(body.code, 'ASCOLTO_ERR_BAD_CREDENTIALS')
    }

    // a challenge the server never handed out
    const options = await challenge(marta)
    await expectRefused(
      signInWith(marta, passkey, options, {
        origin: ORIGIN,
        challenge: randomBytes(32).toString('base64url'),
      }),
    )
    // a phishing page's origin
    await expectRefused(
      signInWith(marta, passkey, await challenge(marta), { origin: 'https://ascolto-example.org' }),
    )
    // Luca's passkey, Marta's password and challenge
    await expectRefused(signInWith(marta, lucasPasskey, await challenge(marta)))
    // a passkey the server has never seen
    const stranger = createPasskey(
      { rp: { name: 'Ascolto', id: 'ascolto.example.org' }, challenge: 'AA' },
      { origin: ORIGIN },
    )
    await expectRefused(signInWith(marta, stranger.passkey, await challenge(marta)))
    // a clone of the key that answers with a counter already seen
    assert.equal((await signInWith(marta, passkey, await challenge(marta))).status, 200)
    passkey.counter -= 1
    await expectRefused(signInWith(marta, passkey, await challenge(marta)))
    passkey.counter += 1
    assert.equal((await signInWith(marta, passkey, await challenge(marta))).status, 200)
  })

  it('counts wrong passkey answers like wrong codes, until the account is throttled', async () => {
    const supervisor = await person('supervisor')
    const { passkey } = await withPasskey(supervisor)
    for (let i = 0; i < THROTTLE.account.free; i++) {
      const options = await challenge(supervisor)
      assert.equal((await signInWith(supervisor, passkey, options, { origin: server.url })).status, 401)
    }
    const locked = await post('/api/session/passkey-challenge', supervisor, credentials(supervisor))
    assert.equal(locked.status, 429)
    assert.ok(Number(locked.headers.get('retry-after')) > 0)
  })

  it('lists, removes, and refuses to remove the last second factor a role needs', async () => {
    const supervisor = await person('supervisor')
    const { cookie, added } = await withPasskey(supervisor, 'Portatile')
    const path = (id: string) => `${server.url}/api/session/passkeys/${id}`
    const last = await call(path(added.passkey.id), { method: 'DELETE', cookie })
    assert.equal(last.status, 409)
    assert.equal(last.body.code, 'ASCOLTO_ERR_LAST_SECOND_FACTOR')

    const options = await post('/api/session/passkeys/options', supervisor, {}, cookie)
    // the passkey already registered is named, so the same authenticator is not added twice
    assert.equal(options.body.excludeCredentials.length, 1)
    const second = createPasskey(options.body, { origin: ORIGIN })
    const phone = await post(
      '/api/session/passkeys',
      supervisor,
      { name: 'Telefono', response: second.response },
      cookie,
    )
    assert.equal(phone.status, 201)
    assert.equal(phone.body.recoveryCodes, undefined, 'recovery codes come with the first factor only')
    assert.equal((await call(path(added.passkey.id), { method: 'DELETE', cookie })).status, 204)
    const listed = await call(`${server.url}/api/session/passkeys`, { cookie })
    assert.deepEqual(
      listed.body.passkeys.map((p: { name: string }) => p.name),
      ['Telefono'],
    )
    const audit = await server.pool.query(
      `select details from audit_event where action = 'staff.passkey_removed' and subject_id = $1`,
      [supervisor.userId],
    )
    assert.deepEqual(audit.rows, [{ details: { passkeyId: added.passkey.id } }])

    // another operator's passkey is not there for this session
    const other = await person('volunteer')
    const theirs = await withPasskey(other)
    assert.equal((await call(path(theirs.added.passkey.id), { method: 'DELETE', cookie })).status, 404)
    // a volunteer whose helpline does not ask for one may remove their last
    assert.equal(
      (await call(path(theirs.added.passkey.id), { method: 'DELETE', cookie: theirs.cookie })).status,
      204,
    )
  })
})
