// Clinical supervision over the API: a volunteer asks a review of a conversation they closed, or
// the helpline's rule queues every flagged one; a supervisor signs it off with feedback, which the
// volunteer then reads; nobody else does.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { ConversationView, ReviewView } from '@ascolto/protocol'
import { setDeskSettings } from '../../../testing/desk-settings.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('clinical review of closed conversations', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let colleague: Awaited<ReturnType<typeof makeOperator>>
  let supervisor: Awaited<ReturnType<typeof makeOperator>>
  let stranger: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    const other = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    colleague = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Marco')
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Elena')
    stranger = await makeOperator(server, [{ helplineId: other.helplineId, role: 'supervisor' }])
    await setDeskSettings(server, line.helplineId, coordinator.cookie, { reviewFlagged: true })
  })
  after(() => server.close())

  async function handled(text: string) {
    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text },
    })
    const queue = await call(`${server.url}/api/conversations?status=waiting`, { cookie: volunteer.cookie })
    const id = queue.body.conversations.find((c: ConversationView) => c.preview === text).id as string
    await call(`${server.url}/api/conversations/${id}/take`, { cookie: volunteer.cookie, body: {} })
    return id
  }
  const close = (id: string) =>
    call(`${server.url}/api/conversations/${id}/close`, { cookie: volunteer.cookie, body: {} })

  it('is asked by the volunteer, signed off by a supervisor, and read by the volunteer alone', async () => {
    const id = await handled('Bevo ogni sera e non riesco a smettere')
    const ask = (cookie: string) =>
      call(`${server.url}/api/conversations/${id}/review`, {
        cookie,
        body: { note: 'Non so se ho fatto bene a proporre il SerD subito' },
      })
    assert.equal((await ask(volunteer.cookie)).status, 400, 'the conversation is still open')
    await close(id)
    assert.equal((await ask(colleague.cookie)).status, 409, 'only whoever handled it asks')
    const asked = await ask(volunteer.cookie)
    assert.equal(asked.status, 201)
    assert.equal(asked.body.cause, 'volunteer')
    assert.equal(asked.body.request, 'Non so se ho fatto bene a proporre il SerD subito')

    const queue = await call(`${server.url}/api/reviews`, { cookie: supervisor.cookie })
    assert.deepEqual(
      queue.body.reviews.map((r: ReviewView) => [r.conversationId, r.signedOffAt]),
      [[id, null]],
    )
    const view = await call(`${server.url}/api/conversations?status=mine`, { cookie: volunteer.cookie })
    assert.equal(view.body.conversations.length, 0)

    const signOff = (cookie: string) =>
      call(`${server.url}/api/conversations/${id}/review/sign-off`, {
        cookie,
        body: { feedback: 'Giusto proporlo; la prossima volta chiedi prima come sta la famiglia.' },
      })
    assert.equal((await signOff(volunteer.cookie)).status, 403)
    assert.equal((await signOff(stranger.cookie)).status, 404)
    const signed = await signOff(supervisor.cookie)
    assert.equal(signed.status, 200)
    assert.equal(signed.body.reviewer.displayName, 'Elena')
    assert.equal((await signOff(supervisor.cookie)).status, 404, 'signed off once')

    const mine = await call(`${server.url}/api/reviews`, { cookie: volunteer.cookie })
    assert.deepEqual(
      mine.body.reviews.map((r: ReviewView) => [r.conversationId, r.feedback]),
      [[id, 'Giusto proporlo; la prossima volta chiedi prima come sta la famiglia.']],
    )
    assert.deepEqual((await call(`${server.url}/api/reviews`, { cookie: colleague.cookie })).body.reviews, [])
    const theirs = await call(`${server.url}/api/conversations/${id}/review`, { cookie: colleague.cookie })
    assert.equal(theirs.body.review, null, 'another volunteer does not read the feedback')
    const sealed = await server.pool.query(
      'select feedback_sealed from conversation_review where conversation_id = $1',
      [id],
    )
    assert.equal(sealed.rows[0].feedback_sealed.includes(Buffer.from('famiglia')), false, 'sealed at rest')
    const listed = await call(`${server.url}/api/conversations/${id}`, { cookie: volunteer.cookie })
    assert.equal(listed.body.conversation.review, 'signed_off')
  })

  it('queues every flagged conversation at close, where the helpline says so', async () => {
    const id = await handled('Non voglio più vivere')
    await call(`${server.url}/api/conversations/${id}/flags`, {
      cookie: volunteer.cookie,
      body: { kind: 'imminent_risk', reason: 'Parla di non voler più vivere' },
    })
    const plain = await handled('Volevo solo un’informazione')
    await close(id)
    await close(plain)
    const queue = await call(`${server.url}/api/reviews`, { cookie: supervisor.cookie })
    const pending = queue.body.reviews.filter((r: ReviewView) => r.signedOffAt === null)
    assert.deepEqual(
      pending.map((r: ReviewView) => [r.conversationId, r.cause, r.handler?.displayName]),
      [[id, 'flagged', 'Giulia']],
    )
  })
})
