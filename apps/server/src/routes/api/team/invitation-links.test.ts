// Invitations a coordinator manages: one open invitation per address (a second is a clear 409),
// a list with each one's state (open, accepted, expired, revoked), a fresh link that replaces the
// one before, a revocation after which the link opens nothing; audited, and walled by helpline.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { AuditEventView, InvitationView } from '@ascolto/protocol'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'

describe("a helpline's invitations", () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
  })
  after(() => server.close())

  const api = (path: string, helplineId = line.helplineId) =>
    `${server.url}/api/helplines/${helplineId}${path}`
  const invite = (email: string) =>
    call(api('/invitations'), { cookie: coordinator.cookie, body: { email, role: 'volunteer' } })
  const tokenOf = (link: string) => link.split('/').pop() ?? ''
  const lookup = (token: string) => call(`${server.url}/api/invitations/lookup`, { body: { token } })
  const listed = async () =>
    (await call(api('/team'), { cookie: coordinator.cookie })).body.invitations as InvitationView[]
  const stateOf = async (email: string) => (await listed()).find((i) => i.email === email)?.state

  it('refuses a second open invitation for one address, and lists each one’s state', async () => {
    const first = await invite('dora@example.org')
    assert.equal(first.status, 201)
    assert.equal(first.body.invitation.state, 'open')
    const twice = await invite('Dora@Example.org')
    assert.equal(twice.status, 409)
    assert.equal(twice.body.code, 'ASCOLTO_ERR_INVITATION_OPEN')
    assert.match(twice.body.message, /already has an open invitation/)
    assert.equal(
      (await server.pool.query("select 1 from invitation where email = 'dora@example.org'")).rowCount,
      1,
    )

    // expired: a new one may go
    await server.pool.query(
      "update invitation set expires_at = now() - interval '1 second' where email = 'dora@example.org'",
    )
    assert.equal(await stateOf('dora@example.org'), 'expired')
    const again = await invite('dora@example.org')
    assert.equal(again.status, 201)

    // accepted
    const accepted = await call(`${server.url}/api/invitations/accept`, {
      body: { token: tokenOf(again.body.link), displayName: 'Dora', password: 'una password lunga e mia' },
    })
    assert.equal(accepted.status, 200)
    const states = (await listed()).filter((i) => i.email === 'dora@example.org').map((i) => i.state)
    assert.deepEqual(states, ['accepted', 'expired'])
  })

  it('gives a fresh link that replaces the one before, and revokes', async () => {
    const invited = await invite('elio@example.org')
    const id = invited.body.invitation.id
    const firstToken = tokenOf(invited.body.link)
    const renewed = await call(api(`/invitations/${id}/link`), { cookie: coordinator.cookie, body: {} })
    assert.equal(renewed.status, 200)
    const secondToken = tokenOf(renewed.body.link)
    assert.notEqual(secondToken, firstToken)
    assert.equal((await lookup(firstToken)).status, 410, 'the link before stops working')
    assert.equal((await lookup(secondToken)).status, 200)

    const revoked = await call(api(`/invitations/${id}/revoke`), { cookie: coordinator.cookie, body: {} })
    assert.equal(revoked.status, 200)
    assert.equal(revoked.body.state, 'revoked')
    assert.ok(revoked.body.revokedAt)
    assert.equal((await lookup(secondToken)).status, 410)
    const accept = await call(`${server.url}/api/invitations/accept`, {
      body: { token: secondToken, displayName: 'Elio', password: 'una password lunga e mia' },
    })
    assert.equal(accept.status, 410)
    assert.equal(await stateOf('elio@example.org'), 'revoked')

    // a closed invitation is neither renewed nor revoked again
    for (const action of ['link', 'revoke']) {
      const closed = await call(api(`/invitations/${id}/${action}`), { cookie: coordinator.cookie, body: {} })
      assert.equal(closed.status, 409)
      assert.equal(closed.body.code, 'ASCOLTO_ERR_INVITATION_CLOSED')
    }
    // once revoked, the address may be invited again
    assert.equal((await invite('elio@example.org')).status, 201)

    const events = (await call(api('/audit'), { cookie: coordinator.cookie })).body.events as AuditEventView[]
    const ofIt = events.filter((e) => e.subjectId === id).map((e) => e.action)
    assert.deepEqual(ofIt, ['staff.invitation_revoked', 'staff.invitation_renewed', 'staff.invited'])
  })

  it('keeps another helpline’s invitations out of reach', async () => {
    const other = await makeHelpline(server.pool)
    const otherCoordinator = await makeOperator(server, [
      { helplineId: other.helplineId, role: 'coordinator' },
    ])
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    const id = (await invite('fabio@example.org')).body.invitation.id
    for (const action of ['link', 'revoke']) {
      const theirs = await call(api(`/invitations/${id}/${action}`, other.helplineId), {
        cookie: otherCoordinator.cookie,
        body: {},
      })
      assert.equal(theirs.status, 404)
      const notMine = await call(api(`/invitations/${id}/${action}`), {
        cookie: otherCoordinator.cookie,
        body: {},
      })
      assert.equal(notMine.status, 404)
      const volunteers = await call(api(`/invitations/${id}/${action}`), {
        cookie: volunteer.cookie,
        body: {},
      })
      assert.equal(volunteers.status, 403)
    }
    assert.equal(await stateOf('fabio@example.org'), 'open')
    // the same address may be invited to another helpline at the same time
    const elsewhere = await call(api('/invitations', other.helplineId), {
      cookie: otherCoordinator.cookie,
      body: { email: 'fabio@example.org', role: 'volunteer' },
    })
    assert.equal(elsewhere.status, 201)
  })
})
