// The line calls first: within a case, on a phone door where the person agreed to be contacted, a
// call-back asked for waits in the call-back list beside the voicemails', due inside the opening
// hours; its tries show on the case. Refused without that consent (nothing written), on a door that
// takes no calls, and across the wall (404); audited as a first contact; it goes with the case and
// with the person, leaving nothing in a database dump.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { CallbackView, CaseChange, CaseView, ConversationView } from '@ascolto/protocol'
import { closeOnSundays } from '../../../testing/closed-on-sundays.ts'
import { dumpDatabase } from '../../../testing/database-dump.ts'
import { writeIn } from '../../../testing/desk-settings.ts'
import { eventually } from '../../../testing/eventually.ts'
import {
  connectFakeTwilio,
  type FakeTwilio,
  postTwilioWebhook,
  startFakeTwilio,
  twilioSms,
} from '../../../testing/fake-twilio.ts'
import { connectConsole, nextEvent } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'

describe('a call-back asked for from a case', () => {
  let server: TestServer
  let twilio: FakeTwilio
  let line: { helplineId: string; channelId: string }
  let phoneDoor: string
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let supervisor: Awaited<ReturnType<typeof makeOperator>>
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let stranger: Awaited<ReturnType<typeof makeOperator>>
  // Saturday 5 December 2026, 11:00 in Rome; the line is open 09:00–18:00, closed on Sundays
  const now = new Date('2026-12-05T10:00:00Z')

  before(async () => {
    server = await startTestServer({ ASCOLTO_PUBLIC_URL: PUBLIC_URL }, { clock: () => now })
    twilio = await startFakeTwilio()
    line = await makeHelpline(server.pool)
    const other = await makeHelpline(server.pool)
    await closeOnSundays(server.pool, line.helplineId)
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Elena')
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Anna')
    stranger = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }])
    ;({ channelId: phoneDoor } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, twilio, {
      helplineId: line.helplineId,
    }))
  })
  after(async () => {
    await server?.close()
    await twilio?.close()
  })

  const api = (path: string, cookie: string, body?: unknown) =>
    call(`${server.url}/api${path}`, { cookie, body })

  /** A person texts the line; the volunteer takes it, opens a case, and closes the conversation. */
  async function phoneCase(person: string) {
    const door = {
      url: `${server.url}/webhooks/twilio/${phoneDoor}`,
      publicUrl: `${PUBLIC_URL}/webhooks/twilio/${phoneDoor}`,
      authToken: twilio.authToken,
    }
    assert.equal((await postTwilioWebhook(door, twilioSms(twilio.accountSid, person, 'Ciao'))).status, 200)
    let conversationId = ''
    await eventually('the message is stored', async () => {
      const { rows } = await server.pool.query(
        `select id from conversation where channel_id = $1 and status = 'waiting'`,
        [phoneDoor],
      )
      conversationId = rows[0]?.id ?? ''
      return conversationId !== ''
    })
    assert.equal((await api(`/conversations/${conversationId}/take`, volunteer.cookie, {})).status, 200)
    const opened = await api('/cases', volunteer.cookie, { conversationId, title: 'Percorso telefono' })
    assert.equal(opened.status, 201)
    assert.equal((await api(`/conversations/${conversationId}/close`, volunteer.cookie, {})).status, 200)
    const view = opened.body as CaseView
    const member = view.members[0]
    assert.ok(member)
    return { view, conversationId, target: { contactId: member.contactId, channelId: phoneDoor } }
  }

  const counts = async () =>
    (
      await server.pool.query(
        `select (select count(*)::int from callback_request) as callbacks,
                (select count(*)::int from conversation) as conversations,
                (select count(*)::int from audit_event where action = 'case.first_contact') as audited`,
      )
    ).rows[0]

  it('waits in the call-back list and shows its tries on the case, only with consent', async () => {
    const { view, target } = await phoneCase('+393471234601')
    const ask = (cookie: string, dueAt?: string) =>
      api(`/cases/${view.id}/callbacks`, cookie, { ...target, ...(dueAt && { dueAt }) })

    const before = await counts()
    const refused = await ask(volunteer.cookie)
    assert.equal(refused.status, 403, 'no consent: refused')
    assert.equal(refused.body.code, 'ASCOLTO_ERR_FORBIDDEN')
    assert.deepEqual(await counts(), before, 'nothing written')
    const walled = await ask(stranger.cookie)
    assert.equal(walled.status, 404, "another helpline's case does not exist")
    assert.deepEqual(await counts(), before)

    const consented = await api(`/cases/${view.id}/consents`, volunteer.cookie, target)
    assert.deepEqual(
      consented.body.members[0].doors.map((d: { callable: boolean }) => d.callable),
      [true],
      'a phone door',
    )
    assert.equal((await ask(stranger.cookie)).status, 404, 'consent does not lower the wall')
    // Sunday 10:00 in Rome: closed, so the call-back is due at Monday's opening, 09:00 in Rome
    const asked = await ask(volunteer.cookie, '2026-12-06T09:00:00.000Z')
    assert.equal(asked.status, 201)
    const [callback] = (asked.body as CaseView).callbacks
    assert.ok(callback)
    assert.equal(callback.dueAt, '2026-12-07T08:00:00.000Z')
    assert.equal(callback.status, 'pending')
    assert.equal(callback.askedBy?.displayName, 'Giulia')
    assert.equal(callback.createdAt, now.toISOString(), 'asked for at the services’ clock')
    const again = await ask(volunteer.cookie)
    assert.equal(again.status, 409, 'one call-back waits at a time for a door')

    const audit = await server.pool.query(
      `select details from audit_event where action = 'case.first_contact' and subject_id = $1`,
      [view.id],
    )
    assert.deepEqual(audit.rows, [
      { details: { conversationId: callback.conversationId, channelId: phoneDoor, callbackId: callback.id } },
    ])

    const list = await api('/callbacks', volunteer.cookie)
    const listed = (list.body.callbacks as CallbackView[]).find((c) => c.id === callback.id)
    assert.equal(listed?.caseId, view.id)
    assert.equal(listed?.messageId, null)
    assert.equal(listed?.conversationId, callback.conversationId)
    assert.equal((await api('/callbacks', stranger.cookie)).body.callbacks.length, 0)

    // a supervisor reveals the number from the conversation (as for a voicemail) and calls
    const revealed = await api(
      `/conversations/${callback.conversationId}/contact/reveal`,
      supervisor.cookie,
      {
        reason: 'richiamata chiesta in un percorso',
      },
    )
    assert.equal(revealed.status, 200)
    assert.equal(revealed.body.addresses[0].address, '+393471234601')
    // the case's consoles hear that it changed (its id, never its content), and read it again
    const socket = await connectConsole(server.url, volunteer.cookie)
    try {
      const heard = nextEvent<CaseChange>(socket, 'case.changed', (c) => c.caseId === view.id)
      const tried = await api(`/callbacks/${callback.id}/outcome`, supervisor.cookie, {
        outcome: 'not_reachable',
      })
      assert.equal(tried.status, 200)
      assert.equal((await heard).status, 'open')
    } finally {
      socket.disconnect()
    }
    const reached = await api(`/callbacks/${callback.id}/outcome`, supervisor.cookie, {
      outcome: 'called_back',
    })
    assert.equal(reached.status, 200)
    const shown = (await api(`/cases/${view.id}`, volunteer.cookie)).body as CaseView
    assert.deepEqual(
      shown.callbacks.map((c) => [c.status, c.attempts, c.lastAttemptAt]),
      [['called_back', 2, now.toISOString()]],
      'the case shows how it went',
    )
    const after = await api('/callbacks', volunteer.cookie)
    assert.equal(
      (after.body.callbacks as CallbackView[]).some((c) => c.id === callback.id),
      false,
      'done: off the list',
    )
    // another may be asked for now; without a time, due by the end of today's hours (18:00 in Rome)
    const next = await ask(volunteer.cookie)
    assert.equal(next.status, 201)
    // both asked for at the same (fixed) clock: the one waiting, not the first listed
    const waiting = (next.body as CaseView).callbacks.filter((c) => c.status === 'pending')
    assert.deepEqual(
      waiting.map((c) => c.dueAt),
      ['2026-12-05T17:00:00.000Z'],
    )
  })

  it('is refused on a door that takes no calls', async () => {
    const token = visitorToken()
    await writeIn(server, line.channelId, token, 'Scrivo dal sito')
    const queue = await api('/conversations?status=waiting', volunteer.cookie)
    const conversationId = queue.body.conversations.find(
      (c: ConversationView) => c.preview === 'Scrivo dal sito',
    ).id as string
    await api(`/conversations/${conversationId}/take`, volunteer.cookie, {})
    const opened = await api('/cases', volunteer.cookie, { conversationId, title: 'Percorso chat' })
    const target = { contactId: opened.body.members[0].contactId, channelId: line.channelId }
    const consented = await api(`/cases/${opened.body.id}/consents`, volunteer.cookie, target)
    assert.equal(consented.body.members[0].doors[0].callable, false)
    const before = await counts()
    const refused = await api(`/cases/${opened.body.id}/callbacks`, volunteer.cookie, target)
    assert.equal(refused.status, 400)
    assert.equal(refused.body.code, 'ASCOLTO_ERR_VALIDATION')
    assert.deepEqual(await counts(), before)
  })

  it('goes with the case, and with the person erased, leaving no trace', async () => {
    const { view, target } = await phoneCase('+393471234602')
    await api(`/cases/${view.id}/consents`, volunteer.cookie, target)
    const asked = await api(`/cases/${view.id}/callbacks`, volunteer.cookie, target)
    const callback = (asked.body as CaseView).callbacks[0]
    assert.ok(callback)

    // the schema takes a case's call-backs with it (retention, the last person erased)
    const client = await server.pool.connect()
    try {
      await client.query('begin')
      await client.query('delete from help_case where id = $1', [view.id])
      const left = await client.query(
        `select (select count(*)::int from callback_request where id = $1) as callbacks,
                (select count(*)::int from conversation where id = $2) as conversations`,
        [callback.id, callback.conversationId],
      )
      assert.deepEqual(left.rows[0], { callbacks: 0, conversations: 1 })
    } finally {
      await client.query('rollback')
      client.release()
    }

    const erased = await api(`/conversations/${callback.conversationId}/contact/erase`, coordinator.cookie, {
      reason: 'Richiesta della persona',
    })
    assert.equal(erased.status, 200)
    // the audit trail keeps ids of what it points at, by design (erase-contact.ts)
    const dump = (await dumpDatabase(server.pool, { except: ['audit_event'] })).text
    assert.ok(!dump.includes(callback.id), 'the call-back is gone')
    assert.ok(!dump.includes(target.contactId), 'no row names the person')
    assert.ok(!dump.includes('234602'), 'nor their number')
    assert.equal((await api(`/cases/${view.id}`, supervisor.cookie)).status, 404, 'a case with nobody goes')
  })
})
