// Where revealing an address takes a supervisor's approval, the one who asked reads where their
// own requests stand (after a reload, on another device) and hears each decision on their own
// consoles alone; nobody else reads or spends their request; undecided or unused, it lapses.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { OwnRevealRequest, RevealRequestChange } from '@ascolto/protocol'
import type { Socket } from 'socket.io-client'
import { type FakeWhatsApp, startFakeWhatsApp } from '../../../testing/fake-whatsapp.ts'
import { connectConsole, nextEvent } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'
import { openWhatsAppConversation } from '../../../testing/whatsapp-conversation.ts'

type Operator = Awaited<ReturnType<typeof makeOperator>>

describe('the state of one’s own requests to see an address', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  let chat: Awaited<ReturnType<typeof openWhatsAppConversation>>
  let staff: Record<'asker' | 'colleague' | 'supervisor' | 'coordinator' | 'outsider', Operator>
  const sockets: Socket[] = []

  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
    chat = await openWhatsAppConversation(server, fake, { phone: '393401230000' })
    const { helplineId } = chat
    const other = await makeHelpline(server.pool)
    staff = {
      asker: chat.volunteer,
      colleague: await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Marco'),
      supervisor: await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Sara'),
      coordinator: await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Carla'),
      outsider: await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }]),
    }
    const switched = await call(`${server.url}/api/helplines/${helplineId}/security`, {
      method: 'PUT',
      cookie: staff.coordinator.cookie,
      body: { volunteerSecondFactor: false, sessionIdleMinutes: 720, revealNeedsApproval: true },
    })
    assert.equal(switched.status, 200)
  })
  after(async () => {
    for (const socket of sockets) socket.close()
    await fake.close()
    await server.close()
  })

  const reason = 'richiamata concordata con la persona'
  const requestsUrl = () => `${server.url}/api/conversations/${chat.conversationId}/contact/reveal-requests`
  const ask = async (who: Operator) => {
    const asked = await call(requestsUrl(), { cookie: who.cookie, body: { reason } })
    assert.equal(asked.status, 201)
    return asked.body.id as string
  }
  const own = async (who: Operator) => {
    const answer = await call(requestsUrl(), { cookie: who.cookie })
    assert.equal(answer.status, 200)
    assert.equal(answer.headers.get('cache-control'), 'no-store')
    return answer.body.requests as OwnRevealRequest[]
  }
  const decide = (requestId: string, decision: 'approve' | 'refuse', who = staff.supervisor) =>
    call(`${server.url}/api/reveal-requests/${requestId}/${decision}`, { cookie: who.cookie, body: {} })
  const reveal = (who: Operator) =>
    call(`${server.url}/api/conversations/${chat.conversationId}/contact/reveal`, {
      cookie: who.cookie,
      body: { reason },
    })
  /** A console that keeps every change it is told of, in order. */
  const listen = async (who: Operator) => {
    const socket = await connectConsole(server.url, who.cookie)
    sockets.push(socket)
    const heard: RevealRequestChange[] = []
    socket.on('reveal-request.updated', (change: RevealRequestChange) => heard.push(change))
    return { socket, heard }
  }

  it('tells the asker what is pending, approved, used and refused, and by whom; on their consoles alone', async () => {
    const [laptop, phone, colleague, supervisor] = await Promise.all([
      listen(staff.asker),
      listen(staff.asker),
      listen(staff.colleague),
      listen(staff.supervisor),
    ])
    // asked: pending, for the asker; the supervisors' consoles hear of it, as ids and a state
    const toSupervisor = nextEvent<RevealRequestChange>(supervisor.socket, 'reveal-request.updated')
    const first = await ask(staff.asker)
    assert.deepEqual(await toSupervisor, {
      id: first,
      conversationId: chat.conversationId,
      helplineId: chat.helplineId,
      requestedBy: staff.asker.userId,
      state: 'pending',
    })
    const [pending] = await own(staff.asker)
    assert.equal(pending?.id, first)
    assert.equal(pending?.state, 'pending')
    assert.equal(pending?.reason, reason)
    assert.equal(pending?.decidedBy, null)
    const lapses = Date.parse(pending?.expiresAt ?? '') - Date.parse(pending?.createdAt ?? '')
    assert.equal(lapses, 24 * 3600_000, 'an undecided request lapses after 24 hours')

    // someone else's request is none of a colleague's business: not listed, not spendable
    assert.deepEqual(await own(staff.colleague), [])
    assert.deepEqual(await own(staff.supervisor), [])
    assert.equal((await call(requestsUrl(), { cookie: staff.outsider.cookie })).status, 404)

    // approved: both of the asker's consoles hear it, no one else's
    const onLaptop = nextEvent<RevealRequestChange>(
      laptop.socket,
      'reveal-request.updated',
      (c) => c.id === first && c.state === 'approved',
    )
    const onPhone = nextEvent<RevealRequestChange>(
      phone.socket,
      'reveal-request.updated',
      (c) => c.id === first && c.state === 'approved',
    )
    assert.equal((await decide(first, 'approve')).status, 204)
    const approvedChange = await onLaptop
    assert.deepEqual(Object.keys(approvedChange).sort(), [
      'conversationId',
      'helplineId',
      'id',
      'requestedBy',
      'state',
    ])
    await onPhone
    const [approved] = await own(staff.asker)
    assert.equal(approved?.state, 'approved')
    assert.equal(approved?.decidedBy?.id, staff.supervisor.userId)
    assert.equal(approved?.decidedBy?.displayName, 'Sara')
    assert.ok(approved?.decidedAt)
    const usable = Date.parse(approved?.expiresAt ?? '') - Date.parse(approved?.decidedAt ?? '')
    assert.equal(usable, 30 * 60_000, 'an approval is used within 30 minutes')

    // the colleague cannot spend it; the asker can, once, and their consoles are told
    assert.equal((await reveal(staff.colleague)).status, 403)
    const spentOnPhone = nextEvent<RevealRequestChange>(
      phone.socket,
      'reveal-request.updated',
      (c) => c.id === first && c.state === 'used',
    )
    assert.equal((await reveal(staff.asker)).status, 200)
    await spentOnPhone
    const [used] = await own(staff.asker)
    assert.equal(used?.state, 'used')
    assert.ok(used?.usedAt)
    assert.equal(used?.expiresAt, null)
    assert.equal((await reveal(staff.asker)).status, 403, 'a second reveal needs a new request')

    // asked again and refused: "refused by Sara"
    const second = await ask(staff.asker)
    const refusedOnLaptop = nextEvent<RevealRequestChange>(
      laptop.socket,
      'reveal-request.updated',
      (c) => c.id === second && c.state === 'refused',
    )
    assert.equal((await decide(second, 'refuse')).status, 204)
    await refusedOnLaptop
    const [refused, before] = await own(staff.asker)
    assert.equal(refused?.id, second)
    assert.equal(refused?.state, 'refused')
    assert.equal(refused?.decidedBy?.displayName, 'Sara')
    assert.equal(before?.id, first, 'newest first')
    assert.equal((await reveal(staff.asker)).status, 403)

    // the colleague's console heard of both requests as they were asked, and of no decision:
    // a third request, announced to the helpline, comes after anything it could have heard
    const third = nextEvent<RevealRequestChange>(
      colleague.socket,
      'reveal-request.updated',
      (c) => c.state === 'pending' && c.id !== first && c.id !== second,
    )
    await ask(staff.coordinator)
    await third
    assert.deepEqual(
      colleague.heard.map((c) => c.state),
      ['pending', 'pending', 'pending'],
    )
    // what goes over the socket is ids and a state: never the reason, never the address
    for (const change of [...laptop.heard, ...colleague.heard, ...supervisor.heard]) {
      assert.equal(JSON.stringify(change).includes('richiamata'), false)
      assert.equal(JSON.stringify(change).includes('393401230000'), false)
    }
  })

  it('lets an undecided request lapse after 24 hours, and an unused approval after 30 minutes', async () => {
    const stale = await ask(staff.asker)
    await server.pool.query(
      `update reveal_request set created_at = now() - interval '25 hours' where id = $1`,
      [stale],
    )
    assert.equal((await own(staff.asker)).find((r) => r.id === stale)?.state, 'expired')
    const waiting = await call(`${server.url}/api/helplines/${chat.helplineId}/reveal-requests`, {
      cookie: staff.supervisor.cookie,
    })
    assert.equal(
      waiting.body.requests.some((r: { id: string }) => r.id === stale),
      false,
      'no longer offered to the supervisors',
    )
    const late = await decide(stale, 'approve')
    assert.equal(late.status, 410)
    assert.equal(late.body.code, 'ASCOLTO_ERR_REQUEST_EXPIRED')
    assert.equal((await own(staff.asker)).find((r) => r.id === stale)?.state, 'expired', 'nothing changed')

    const unused = await ask(staff.asker)
    assert.equal((await decide(unused, 'approve')).status, 204)
    await server.pool.query(
      `update reveal_request set decided_at = now() - interval '31 minutes' where id = $1`,
      [unused],
    )
    const [lapsed] = await own(staff.asker)
    assert.equal(lapsed?.id, unused)
    assert.equal(lapsed?.state, 'expired')
    assert.equal(lapsed?.expiresAt, null)
    assert.equal((await reveal(staff.asker)).status, 403)
  })
})
