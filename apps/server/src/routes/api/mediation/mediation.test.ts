// A cultural mediator in a written conversation, over the real API and a real database: asked for
// by the volunteer, alerted on the helpline's on-call door (WhatsApp, its Graph API the fake at
// the network edge), joins, reads and writes there only — every other conversation, the person's
// history, the address, the cases and the queue answer 404 — and loses access at the close.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { CrossTable, MediatedConversation, MediationView, MediatorDesk } from '@ascolto/protocol'
import { setDeskSettings } from '../../../testing/desk-settings.ts'
import { eventually } from '../../../testing/eventually.ts'
import { type FakeWhatsApp, startFakeWhatsApp } from '../../../testing/fake-whatsapp.ts'
import { connectConsole } from '../../../testing/sockets.ts'
import { call, makeOperator, startTestServer, type TestServer } from '../../../testing/test-server.ts'
import { openWhatsAppConversation } from '../../../testing/whatsapp-conversation.ts'

const MEDIATOR_PHONE = '+393401112233'

describe('a cultural mediator in a written conversation', () => {
  let server: TestServer
  let fake: FakeWhatsApp

  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  it('is alerted, joins, reads and writes in that conversation only, and leaves at the close', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393471234567' })
    const { helplineId, volunteer } = chat
    const other = await chat.another({ phone: '393479999999' })
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }])
    const mediator = await makeOperator(server, [{ helplineId, role: 'mediator' }], 'Ioana')
    await setDeskSettings(server, helplineId, coordinator.cookie, {
      onCall: { channelId: chat.channelId, address: '393330000000', everyMinutes: 5 },
    })
    const entry = await call(`${server.url}/api/call-mediators?helplineId=${helplineId}`, {
      cookie: coordinator.cookie,
      body: {
        label: 'Mediatrice romena',
        languages: ['ro'],
        phone: MEDIATOR_PHONE,
        accountId: mediator.userId,
      },
    })
    assert.equal(entry.status, 200)
    const title = await call(`${server.url}/api/mediation/title`, {
      method: 'PUT',
      cookie: mediator.cookie,
      body: { title: 'mediatrice' },
    })
    assert.equal(title.status, 204)

    // a mediator has no staff route: the queue is not there for them
    const queue = await call(`${server.url}/api/conversations?status=waiting`, { cookie: mediator.cookie })
    assert.equal(queue.status, 404)
    const empty = await call(`${server.url}/api/mediation`, { cookie: mediator.cookie })
    assert.deepEqual((empty.body as MediatorDesk).conversations, [])

    const socket = await connectConsole(server.url, mediator.cookie)
    const alerted = new Promise((resolve) => socket.once('mediation.changed', resolve))
    const before = fake.sent.length
    const asked = await call(`${server.url}/api/conversations/${chat.conversationId}/mediation`, {
      cookie: volunteer.cookie,
      body: { language: 'ro' },
    })
    assert.equal(asked.status, 201)
    assert.equal((asked.body as MediationView).mediator, null)
    await alerted
    await eventually('the on-call alert reaches the mediator', () =>
      fake.sent.slice(before).some((m) => m.to === MEDIATOR_PHONE),
    )
    const alert = fake.sent.slice(before).find((m) => m.to === MEDIATOR_PHONE)
    assert.match(alert?.text ?? '', /si chiede un mediatore \(ro\)/)
    assert.doesNotMatch(alert?.text ?? '', /Persona|Ciao/, 'nothing of the person')

    const desk = (await call(`${server.url}/api/mediation`, { cookie: mediator.cookie })).body as MediatorDesk
    assert.equal(desk.requests.length, 1)
    const request = desk.requests[0]
    assert.equal(request?.language, 'ro')
    // not in the conversation yet: nothing to read
    const early = await call(`${server.url}/api/mediation/conversations/${chat.conversationId}`, {
      cookie: mediator.cookie,
    })
    assert.equal(early.status, 404)
    const joined = await call(`${server.url}/api/mediation/requests/${request?.id}/join`, {
      cookie: mediator.cookie,
      body: {},
    })
    assert.equal(joined.status, 200)

    // conversation A: read (audited) and written in
    const read = await call(`${server.url}/api/mediation/conversations/${chat.conversationId}`, {
      cookie: mediator.cookie,
    })
    assert.equal(read.status, 200)
    const conversation = read.body as MediatedConversation
    assert.deepEqual(
      conversation.messages.map((m) => [m.direction, m.text]),
      [['inbound', 'Ciao, c’è qualcuno?']],
    )
    assert.equal('contactPseudonym' in conversation, false)
    const audited = await server.pool.query(
      `select 1 from audit_event where actor_id = $1 and action = 'conversation.read' and subject_id = $2`,
      [mediator.userId, chat.conversationId],
    )
    assert.equal(audited.rowCount, 1)

    const heard = new Promise<{ text: string }>((resolve) =>
      socket.on('mediation.message', (m: { text: string; direction: string }) => {
        if (m.direction === 'note') resolve(m)
      }),
    )
    const sentBefore = fake.sent.length
    const toPerson = await call(`${server.url}/api/mediation/conversations/${chat.conversationId}/messages`, {
      cookie: mediator.cookie,
      body: { text: 'Bună ziua, sunt aici să vă ajut.', private: false },
    })
    assert.equal(toPerson.status, 201)
    await eventually('the person gets the mediator’s words, signed with the title', () =>
      fake.sent.slice(sentBefore).some((m) => m.text === 'Mediatrice: Bună ziua, sunt aici să vă ajut.'),
    )
    assert.equal(
      fake.sent.slice(sentBefore).some((m) => m.text.includes('Ioana')),
      false,
      'never the name',
    )
    const toOperator = await call(
      `${server.url}/api/mediation/conversations/${chat.conversationId}/messages`,
      {
        cookie: mediator.cookie,
        body: { text: 'Chiede di un alloggio per stanotte.', private: true },
      },
    )
    assert.equal(toOperator.status, 201)
    // the note reaches the mediator's own console too, as it will the next one they write
    assert.equal((await heard).text, 'Chiede di un alloggio per stanotte.')

    // the volunteer sees who wrote what: the note to staff only, under the mediator's name
    const staffView = await call(`${server.url}/api/conversations/${chat.conversationId}`, {
      cookie: volunteer.cookie,
    })
    const written = (
      staffView.body.messages as Array<{
        direction: string
        text: string
        author: { displayName: string } | null
      }>
    )
      .filter((m) => m.author?.displayName === 'Ioana')
      .map((m) => [m.direction, m.text])
    assert.deepEqual(written, [
      ['outbound', 'Mediatrice: Bună ziua, sunt aici să vă ajut.'],
      ['note', 'Chiede di un alloggio per stanotte.'],
    ])
    const mediation = await call(`${server.url}/api/conversations/${chat.conversationId}/mediation`, {
      cookie: volunteer.cookie,
    })
    assert.equal(mediation.body.mediation.mediator.title, 'mediatrice')

    // conversation B, the person's history, the address, the cases, the queue: not there
    for (const [method, url] of [
      ['GET', `/api/mediation/conversations/${other.conversationId}`],
      ['POST', `/api/mediation/conversations/${other.conversationId}/messages`],
      ['GET', `/api/conversations/${other.conversationId}`],
      ['GET', `/api/conversations/${chat.conversationId}`],
      ['GET', `/api/conversations/${chat.conversationId}/history`],
      ['POST', `/api/conversations/${chat.conversationId}/contact/reveal`],
      ['GET', `/api/conversations/${chat.conversationId}/case`],
      ['GET', `/api/cases?helplineId=${helplineId}`],
      ['GET', '/api/conversations'],
      ['GET', `/api/helplines/${helplineId}/desk`],
    ] as const) {
      const response = await call(`${server.url}${url}`, {
        method,
        cookie: mediator.cookie,
        ...(method === 'POST'
          ? { body: url.includes('/reveal') ? { reason: 'per aiutarla' } : { text: 'x', private: false } }
          : {}),
      })
      assert.equal(response.status, 404, `${method} ${url}`)
    }

    // the close ends the access; the fact counts the mediator
    const closed = await call(`${server.url}/api/conversations/${chat.conversationId}/close`, {
      cookie: volunteer.cookie,
      body: {},
    })
    assert.equal(closed.status, 200)
    const after = await call(`${server.url}/api/mediation/conversations/${chat.conversationId}`, {
      cookie: mediator.cookie,
    })
    assert.equal(after.status, 404)
    const ended = await server.pool.query(`select end_reason from mediation where conversation_id = $1`, [
      chat.conversationId,
    ])
    assert.deepEqual(ended.rows, [{ end_reason: 'closed' }])
    const fact = await server.pool.query(
      'select with_mediator from conversation_fact where conversation_id = $1',
      [chat.conversationId],
    )
    assert.deepEqual(fact.rows, [{ with_mediator: true }])
    // the statistics cross conversations with a mediator by language (one: a small cell)
    const supervisor = await makeOperator(server, [{ helplineId, role: 'supervisor' }])
    const cross = await call(
      `${server.url}/api/helplines/${helplineId}/statistics/cross?rows=mediator&columns=language`,
      { cookie: supervisor.cookie },
    )
    assert.equal(cross.status, 200)
    assert.deepEqual(
      (cross.body as CrossTable).rows.map((row) => row.key),
      ['yes'],
    )
    const none = await call(`${server.url}/api/mediation`, { cookie: mediator.cookie })
    assert.deepEqual((none.body as MediatorDesk).conversations, [])
    socket.disconnect()
  })

  it('is removed by the operator, and staff cannot use the mediator’s routes', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393478888888' })
    const { helplineId, volunteer } = chat
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }])
    const mediator = await makeOperator(server, [{ helplineId, role: 'mediator' }], 'Arben')
    await call(`${server.url}/api/call-mediators?helplineId=${helplineId}`, {
      cookie: coordinator.cookie,
      body: {
        label: 'Mediatore albanese',
        languages: ['sq'],
        phone: '+393405556677',
        accountId: mediator.userId,
      },
    })
    // only a mediator member can be named on the list
    const wrong = await call(`${server.url}/api/call-mediators?helplineId=${helplineId}`, {
      cookie: coordinator.cookie,
      body: { label: 'Altro', languages: ['sq'], phone: '+393405556678', accountId: volunteer.userId },
    })
    assert.equal(wrong.status, 400)
    // a mediator of another language is not alerted and cannot join
    const asked = await call(`${server.url}/api/conversations/${chat.conversationId}/mediation`, {
      cookie: volunteer.cookie,
      body: { language: 'ro' },
    })
    const romanian = (asked.body as MediationView).id
    assert.deepEqual(
      (await call(`${server.url}/api/mediation`, { cookie: mediator.cookie })).body.requests,
      [],
    )
    const refused = await call(`${server.url}/api/mediation/requests/${romanian}/join`, {
      cookie: mediator.cookie,
      body: {},
    })
    assert.equal(refused.status, 404)
    const twice = await call(`${server.url}/api/conversations/${chat.conversationId}/mediation`, {
      cookie: volunteer.cookie,
      body: { language: 'sq' },
    })
    assert.equal(twice.status, 409)
    const withdrawn = await call(`${server.url}/api/conversations/${chat.conversationId}/mediation`, {
      method: 'DELETE',
      cookie: volunteer.cookie,
    })
    assert.equal(withdrawn.status, 204)

    const albanian = await call(`${server.url}/api/conversations/${chat.conversationId}/mediation`, {
      cookie: volunteer.cookie,
      body: { language: 'sq' },
    })
    await call(`${server.url}/api/mediation/requests/${(albanian.body as MediationView).id}/join`, {
      cookie: mediator.cookie,
      body: {},
    })
    const reading = await call(`${server.url}/api/mediation/conversations/${chat.conversationId}`, {
      cookie: mediator.cookie,
    })
    assert.equal(reading.status, 200)
    const staffCall = await call(`${server.url}/api/mediation/conversations/${chat.conversationId}`, {
      cookie: volunteer.cookie,
    })
    assert.equal(staffCall.status, 403)

    const removed = await call(`${server.url}/api/conversations/${chat.conversationId}/mediation`, {
      method: 'DELETE',
      cookie: volunteer.cookie,
    })
    assert.equal(removed.status, 204)
    const gone = await call(`${server.url}/api/mediation/conversations/${chat.conversationId}`, {
      cookie: mediator.cookie,
    })
    assert.equal(gone.status, 404)
    const ended = await server.pool.query(
      'select end_reason from mediation where conversation_id = $1 order by requested_at',
      [chat.conversationId],
    )
    assert.deepEqual(
      ended.rows.map((r) => r.end_reason),
      ['withdrawn', 'removed'],
    )
  })
})
