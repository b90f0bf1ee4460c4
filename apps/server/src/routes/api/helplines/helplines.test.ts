// Settings and preview from the console's API; redirects and legal holds from a conversation.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createChannel } from '@ascolto/core'
import type { ConversationView } from '@ascolto/protocol'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

const settingsFile = async (name: string) =>
  JSON.parse(
    await readFile(path.resolve(import.meta.dirname, '../../../../../../docs/settings', name), 'utf8'),
  )

describe('helpline settings, preview, redirects and legal holds over the API', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let outsider: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    const other = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    outsider = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }])
  })
  after(() => server.close())

  const settingsUrl = () => `${server.url}/api/helplines/${line.helplineId}/settings`

  it('lets a coordinator replace the settings, names every problem of a bad file, and changes nothing then', async () => {
    const { $schema: _schema, ...desk } = await settingsFile('social-services-desk.json')
    const saved = await call(settingsUrl(), { method: 'PUT', cookie: coordinator.cookie, body: desk })
    assert.equal(saved.status, 200)
    assert.deepEqual(saved.body, desk)

    const bad = structuredClone(desk)
    bad.opening.weekly.mon[0].end = '25:00'
    bad.retention.months = 0
    const refused = await call(settingsUrl(), { method: 'PUT', cookie: coordinator.cookie, body: bad })
    assert.equal(refused.status, 400)
    assert.deepEqual(refused.body.problems.map((p: string) => p.split(':')[0]).sort(), [
      'opening.weekly.mon[0].end',
      'retention.months',
    ])
    assert.deepEqual((await call(settingsUrl(), { cookie: volunteer.cookie })).body, desk)

    assert.equal(
      (await call(settingsUrl(), { method: 'PUT', cookie: volunteer.cookie, body: desk })).status,
      403,
    )
    assert.equal((await call(settingsUrl(), { cookie: outsider.cookie })).status, 404)
    assert.equal(
      (await call(settingsUrl(), { method: 'PUT', cookie: outsider.cookie, body: desk })).status,
      404,
    )
  })

  it('lists the channels for the on-call alert to coordinators; the on-call address is theirs alone', async () => {
    const sms = await createChannel(server.pool, {
      helplineId: line.helplineId,
      kind: 'twilio',
      name: 'SMS',
    })
    const channels = `${server.url}/api/helplines/${line.helplineId}/channels`
    const listed = await call(channels, { cookie: coordinator.cookie })
    assert.equal(listed.status, 200)
    // the web chat writes only to its visitors: not offered
    assert.deepEqual(listed.body, { channels: [{ id: sms.id, kind: 'twilio', name: 'SMS' }] })
    assert.equal((await call(channels, { cookie: volunteer.cookie })).status, 403)
    assert.equal((await call(channels, { cookie: outsider.cookie })).status, 404)

    const current = await call(settingsUrl(), { cookie: coordinator.cookie })
    const putOnCall = (onCall: object) =>
      call(settingsUrl(), {
        method: 'PUT',
        cookie: coordinator.cookie,
        body: { ...current.body, desk: { ...current.body.desk, onCall, reviewFlagged: true } },
      })
    // the web chat cannot carry it, nor can another helpline's channel
    for (const channelId of [line.channelId, randomUUID()]) {
      const refused = await putOnCall({ channelId, address: '+393331234567' })
      assert.equal(refused.status, 400)
      assert.deepEqual(refused.body.problems, [
        'desk.onCall.channelId: is not a channel of this helpline that can send the alert',
      ])
    }
    const onCall = { channelId: sms.id, address: '+393331234567' }
    const put = await putOnCall(onCall)
    assert.equal(put.status, 200)
    assert.deepEqual(put.body.desk.onCall, onCall)
    const read = await call(settingsUrl(), { cookie: volunteer.cookie })
    assert.equal(read.body.desk.onCall, undefined)
    assert.equal(read.body.desk.reviewFlagged, true)
    const desk = await call(`${server.url}/api/helplines/${line.helplineId}/desk`, {
      cookie: coordinator.cookie,
    })
    assert.equal(desk.body.desk.onCall, undefined, 'the desk has no use for it')
  })

  it('previews what a person writing on Friday evening would meet', async () => {
    const { $schema: _schema, ...desk } = await settingsFile('social-services-desk.json')
    await call(settingsUrl(), { method: 'PUT', cookie: coordinator.cookie, body: desk })
    const preview = await call(`${server.url}/api/helplines/${line.helplineId}/preview?at=2026-11-27T20:00`, {
      cookie: volunteer.cookie,
    })
    assert.equal(preview.status, 200)
    assert.equal(preview.body.open, false)
    assert.equal(preview.body.closedBy, 'hours')
    assert.equal(preview.body.nextOpening.at, '2026-11-28T08:45:00+01:00')
    assert.equal(preview.body.dueAt, '2026-11-28T12:15:00+01:00')
    assert.deepEqual(
      preview.body.replies.map((r: { kind: string }) => r.kind),
      ['welcome', 'out_of_hours'],
    )
    const badTime = await call(`${server.url}/api/helplines/${line.helplineId}/preview?at=venerdi`, {
      cookie: volunteer.cookie,
    })
    assert.equal(badTime.status, 400)
  })

  it('sends a redirect with one click, and puts a legal hold on the person (supervisors and up)', async () => {
    const { $schema: _schema, ...desk } = await settingsFile('social-services-desk.json')
    await call(settingsUrl(), { method: 'PUT', cookie: coordinator.cookie, body: desk })
    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text: 'mi serve il contrassegno per disabili' },
    })
    const queue = await call(`${server.url}/api/conversations`, { cookie: volunteer.cookie })
    const conversation = queue.body.conversations.find(
      (c: ConversationView) => c.preview === 'mi serve il contrassegno per disabili',
    )
    await call(`${server.url}/api/conversations/${conversation.id}/take`, {
      cookie: volunteer.cookie,
      body: {},
    })
    const redirect = desk.redirects[0]
    const sent = await call(`${server.url}/api/conversations/${conversation.id}/redirects/${redirect.id}`, {
      cookie: volunteer.cookie,
      body: {},
    })
    assert.equal(sent.status, 201)
    assert.equal(sent.body.text, redirect.text.it)
    const unknown = await call(`${server.url}/api/conversations/${conversation.id}/redirects/nowhere`, {
      cookie: volunteer.cookie,
      body: {},
    })
    assert.equal(unknown.status, 404)

    const holdUrl = `${server.url}/api/conversations/${conversation.id}/legal-hold`
    const byVolunteer = await call(holdUrl, {
      cookie: volunteer.cookie,
      body: { on: true, reason: 'richiesta 12/2026' },
    })
    assert.equal(byVolunteer.status, 403)
    const held = await call(holdUrl, {
      cookie: coordinator.cookie,
      body: { on: true, reason: 'richiesta 12/2026' },
    })
    assert.equal(held.status, 200)
    assert.ok(held.body.legalHoldAt)
    const detail = await call(`${server.url}/api/conversations/${conversation.id}`, {
      cookie: volunteer.cookie,
    })
    assert.equal(detail.body.legalHoldAt, held.body.legalHoldAt)
    const lifted = await call(holdUrl, { cookie: coordinator.cookie, body: { on: false, reason: 'chiusa' } })
    assert.equal(lifted.body.legalHoldAt, null)
  })
})
