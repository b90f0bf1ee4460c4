// A coordinator's team: invitations that work once and expire, roles changed, a member logged out
// everywhere or deactivated (their open console hears nothing more), all in the helpline's audit
// log, which only its coordinators read; and nothing of it reaches across the wall.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { AuditEventView, TeamMember } from '@ascolto/protocol'
import { connectConsole, nextEvent } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('the team of a helpline', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let other: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    other = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Chiara')
  })
  after(() => server.close())

  const api = (path: string) => `${server.url}/api/helplines/${line.helplineId}${path}`
  const auditOf = async (helplineId = line.helplineId) =>
    (await call(`${server.url}/api/helplines/${helplineId}/audit`, { cookie: coordinator.cookie })).body
      .events as AuditEventView[]

  it('invites by a link that sets the password, works once, and expires', async () => {
    const invited = await call(api('/invitations'), {
      cookie: coordinator.cookie,
      body: { email: 'Nuova.Volontaria@Example.org', role: 'volunteer' },
    })
    assert.equal(invited.status, 201)
    const token = /#\/invitation\/([A-Za-z0-9_-]{43})$/.exec(invited.body.link)?.[1] ?? ''
    assert.ok(token, invited.body.link)
    const stored = await server.pool.query('select token_hash from invitation where email = $1', [
      'nuova.volontaria@example.org',
    ])
    assert.ok(!stored.rows[0].token_hash.toString('latin1').includes(token), 'only the hash is stored')

    // the link's page names the helpline and the address, for the token's holder only
    const lookup = (t: string) => call(`${server.url}/api/invitations/lookup`, { body: { token: t } })
    const shown = await lookup(token)
    assert.equal(shown.status, 200)
    assert.deepEqual(shown.body, {
      helplineName: `Helpline ${(await server.pool.query('select slug from helpline where id = $1', [line.helplineId])).rows[0].slug}`,
      email: 'nuova.volontaria@example.org',
      role: 'volunteer',
    })
    assert.equal((await lookup('A'.repeat(43))).status, 410)
    assert.equal((await lookup('not a token')).status, 400)

    const body = { token, displayName: 'Nuova', password: 'una password lunga e mia' }
    const accepted = await call(`${server.url}/api/invitations/accept`, { body })
    assert.equal(accepted.status, 200)
    // for the sign-in that follows, filled in
    assert.deepEqual(accepted.body, { email: 'nuova.volontaria@example.org' })
    const again = await call(`${server.url}/api/invitations/accept`, {
      body: { ...body, password: 'un’altra ancora' },
    })
    assert.equal(again.status, 410, 'a link works once')
    assert.equal((await lookup(token)).status, 410, 'a used link shows nothing more')
    const signedIn = await call(`${server.url}/api/session`, {
      body: { email: 'nuova.volontaria@example.org', password: 'una password lunga e mia' },
    })
    assert.equal(signedIn.status, 200)
    assert.deepEqual(
      signedIn.body.memberships.map((m: { helplineId: string; role: string }) => [m.helplineId, m.role]),
      [[line.helplineId, 'volunteer']],
    )

    const late = await call(api('/invitations'), {
      cookie: coordinator.cookie,
      body: { email: 'tardi@example.org', role: 'supervisor' },
    })
    const lateToken = late.body.link.split('/').pop()
    await server.pool.query(
      `update invitation set expires_at = now() - interval '1 second' where email = 'tardi@example.org'`,
    )
    const expired = await call(`${server.url}/api/invitations/accept`, {
      body: { token: lateToken, displayName: 'Tardi', password: 'una password lunga e mia' },
    })
    assert.equal(expired.status, 410)
    const guessed = await call(`${server.url}/api/invitations/accept`, {
      body: { token: visitorToken(), displayName: 'Chi', password: 'una password lunga e mia' },
    })
    assert.equal(guessed.status, 410)

    const team = await call(api('/team'), { cookie: coordinator.cookie })
    assert.deepEqual(team.body.members.map((m: TeamMember) => [m.displayName, m.role]).sort(), [
      ['Chiara', 'coordinator'],
      ['Nuova', 'volunteer'],
    ])
    const actions = (await auditOf()).map((e) => e.action)
    for (const action of ['staff.invited', 'staff.joined', 'staff.signed_in'])
      assert.ok(actions.includes(action), action)
  })

  it('asks an existing account for its password, throttled; brings a deactivated one back with the new one', async () => {
    const other = await makeHelpline(server.pool)
    const otherCoordinator = await makeOperator(server, [
      { helplineId: other.helplineId, role: 'coordinator' },
    ])
    const member = await makeOperator(server, [{ helplineId: other.helplineId, role: 'volunteer' }], 'Ida')
    const invited = await call(api('/invitations'), {
      cookie: coordinator.cookie,
      body: { email: member.email, role: 'volunteer' },
    })
    const token = invited.body.link.split('/').pop()
    const accept = (password: string) =>
      call(`${server.url}/api/invitations/accept`, {
        body: { token, displayName: 'Ida', password },
        headers: { 'x-forwarded-for': '198.51.100.90' },
      })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await accept(`non è la sua password ${i}`)).status)
    assert.deepEqual(
      statuses,
      [401, 401, 401, 401, 401, 429],
      'the link is no way around the sign-in throttle',
    )
    await server.pool.query(`update sign_in_throttle set locked_until = now() - interval '1 second'`)
    assert.equal((await accept(TEST_PASSWORD)).status, 200, 'the link still works, once')
    assert.equal((await accept(TEST_PASSWORD)).status, 410)

    // deactivated by their other helpline's coordinator and then invited here: the link sets a new password
    await call(`${server.url}/api/helplines/${line.helplineId}/members/${member.userId}/deactivate`, {
      cookie: coordinator.cookie,
      body: {},
    })
    await call(`${server.url}/api/helplines/${other.helplineId}/members/${member.userId}/deactivate`, {
      cookie: otherCoordinator.cookie,
      body: {},
    })
    const gone = await call(`${server.url}/api/session`, {
      body: { email: member.email, password: TEST_PASSWORD },
    })
    assert.equal(gone.status, 401)
    const again = await call(api('/invitations'), {
      cookie: coordinator.cookie,
      body: { email: member.email, role: 'volunteer' },
    })
    const back = await call(`${server.url}/api/invitations/accept`, {
      body: {
        token: again.body.link.split('/').pop(),
        displayName: 'Ida',
        password: 'una password nuova e lunga',
      },
    })
    assert.equal(back.status, 200)
    const signedIn = await call(`${server.url}/api/session`, {
      body: { email: member.email, password: 'una password nuova e lunga' },
    })
    assert.equal(signedIn.status, 200)
    assert.deepEqual(
      signedIn.body.memberships.map((m: { helplineId: string }) => m.helplineId),
      [line.helplineId],
    )
  })

  it('changes a role, audited with from and to; a volunteer cannot', async () => {
    const member = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Marco')
    const refused = await call(api(`/members/${coordinator.userId}/role`), {
      method: 'PUT',
      cookie: member.cookie,
      body: { role: 'volunteer' },
    })
    assert.equal(refused.status, 403)
    const changed = await call(api(`/members/${member.userId}/role`), {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: { role: 'supervisor' },
    })
    assert.equal(changed.status, 204)
    const event = (await auditOf()).find(
      (e) => e.action === 'staff.role_changed' && e.subjectId === member.userId,
    )
    assert.deepEqual(event?.details, { from: 'volunteer', to: 'supervisor' })
    assert.equal(event?.actor?.id, coordinator.userId)
  })

  it('deactivates a volunteer: their sessions end and their open console hears nothing more', async () => {
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Sara')
    const socket = await connectConsole(server.url, volunteer.cookie)
    const write = (text: string) =>
      call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
        token: visitorToken(),
        body: { clientId: randomUUID(), text },
      })
    try {
      const heard = [nextEvent(socket, 'conversation.updated'), nextEvent(socket, 'message.created')]
      await write('prima della disattivazione')
      await Promise.all(heard)
      const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve))
      const received: unknown[] = []
      socket.onAny((_event, payload) => {
        if (JSON.stringify(payload).includes('dopo la disattivazione')) received.push(payload)
      })
      const deactivated = await call(api(`/members/${volunteer.userId}/deactivate`), {
        cookie: coordinator.cookie,
        body: {},
      })
      assert.equal(deactivated.status, 204)
      assert.equal(await dropped, 'io server disconnect')
      await write('dopo la disattivazione')
      // the message is in the queue of those still on the team …
      const queue = await call(`${server.url}/api/conversations`, { cookie: coordinator.cookie })
      assert.ok(
        queue.body.conversations.some((c: { preview: string }) => c.preview === 'dopo la disattivazione'),
      )
      // … and never reached the deactivated volunteer
      assert.deepEqual(received, [])
      assert.equal((await call(`${server.url}/api/conversations`, { cookie: volunteer.cookie })).status, 401)
      await assert.rejects(connectConsole(server.url, volunteer.cookie), /UNAUTHENTICATED/)
      const signIn = await call(`${server.url}/api/session`, {
        body: { email: volunteer.email, password: TEST_PASSWORD },
      })
      assert.equal(signIn.status, 401, 'a deactivated account cannot sign in')
    } finally {
      socket.disconnect()
    }
  })

  it('logs a member out everywhere: every session and socket of theirs, at once', async () => {
    const member = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Luca')
    const second = await call(`${server.url}/api/session`, {
      body: { email: member.email, password: TEST_PASSWORD },
    })
    const secondCookie = (second.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const socket = await connectConsole(server.url, member.cookie)
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve))
    const out = await call(api(`/members/${member.userId}/sign-out`), {
      cookie: coordinator.cookie,
      body: {},
    })
    assert.equal(out.status, 204)
    assert.equal(await dropped, 'io server disconnect')
    for (const cookie of [member.cookie, secondCookie]) {
      assert.equal((await call(`${server.url}/api/session`, { cookie })).status, 401)
    }
    // still on the team: they sign in again
    assert.equal(
      (await call(`${server.url}/api/session`, { body: { email: member.email, password: TEST_PASSWORD } }))
        .status,
      200,
    )
    assert.ok(
      (await auditOf()).some(
        (e) => e.action === 'staff.logged_out_everywhere' && e.subjectId === member.userId,
      ),
    )
  })

  it('keeps another helpline’s team, members and audit log behind the wall (404)', async () => {
    const outsider = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }])
    const member = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    for (const [path, options] of [
      ['/team', {}],
      ['/audit', {}],
      ['/security', {}],
      ['/invitations', { body: { email: 'x@example.org', role: 'coordinator' } }],
      [`/members/${member.userId}/deactivate`, { body: {} }],
      [`/members/${member.userId}/sign-out`, { body: {} }],
      [`/members/${member.userId}/role`, { method: 'PUT', body: { role: 'coordinator' } }],
    ] as const) {
      const response = await call(api(path), { cookie: outsider.cookie, ...options })
      assert.equal(response.status, 404, path)
    }
    // a member of their own helpline is not found by naming it with ours either
    const crossed = await call(
      `${server.url}/api/helplines/${other.helplineId}/members/${member.userId}/deactivate`,
      {
        cookie: outsider.cookie,
        body: {},
      },
    )
    assert.equal(crossed.status, 404)
    assert.equal((await call(`${server.url}/api/session`, { cookie: member.cookie })).status, 200)
  })

  it('audits every staff read of a conversation, for the coordinator to read', async () => {
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Anna')
    const sent = await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text: 'una lettura da registrare' },
    })
    const { conversation_id: conversationId } = (
      await server.pool.query('select conversation_id from message where id = $1', [sent.body.id])
    ).rows[0]
    assert.equal(
      (await call(`${server.url}/api/conversations/${conversationId}`, { cookie: volunteer.cookie })).status,
      200,
    )
    const reads = (await auditOf()).filter(
      (e) => e.action === 'conversation.read' && e.subjectId === conversationId,
    )
    assert.deepEqual(
      reads.map((e) => e.actor?.id),
      [volunteer.userId],
    )
    // volunteers and supervisors do not read the log
    assert.equal((await call(api('/audit'), { cookie: volunteer.cookie })).status, 403)
  })
})
