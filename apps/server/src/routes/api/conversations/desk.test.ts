// The desk over the API: canned replies, private notes, the closing form (whose answers reach the
// anonymous facts and survive retention), transfers, the call for a supervisor, unread counts,
// safeguarding flags with their playbook; and the wall between helplines for all of it.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { purgeInactiveContacts } from '@ascolto/core'
import type { ConversationView, FlagAlert, HelpRequest, MessageView } from '@ascolto/protocol'
import { DESK_SETTINGS, setDeskSettings } from '../../../testing/desk-settings.ts'
import { connectConsole, nextEvent } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

// a person who writes again after a close starts a new conversation here (reopening has its own tests)
const DESK = { ...DESK_SETTINGS, reopenHours: 0 }

describe('the desk over the API', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let other: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let colleague: Awaited<ReturnType<typeof makeOperator>>
  let supervisor: Awaited<ReturnType<typeof makeOperator>>
  let stranger: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    other = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    colleague = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Marco')
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    stranger = await makeOperator(server, [{ helplineId: other.helplineId, role: 'supervisor' }], 'Altra')
    await setDeskSettings(server, line.helplineId, coordinator.cookie, DESK)
  })
  after(() => server.close())

  async function openConversation(text: string, token = visitorToken()) {
    const sent = await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text },
    })
    assert.equal(sent.status, 201)
    const queue = await call(`${server.url}/api/conversations?status=waiting`, { cookie: volunteer.cookie })
    const conversation: ConversationView = queue.body.conversations.find(
      (c: ConversationView) => c.preview === text,
    )
    const taken = await call(`${server.url}/api/conversations/${conversation.id}/take`, {
      cookie: volunteer.cookie,
      body: {},
    })
    assert.equal(taken.status, 200)
    return { id: conversation.id, token }
  }

  it('keeps canned replies per helpline: coordinators write them, every member reads them', async () => {
    const url = `${server.url}/api/helplines/${line.helplineId}/canned-replies`
    const body = { shortcut: 'benvenuto', title: 'Benvenuto', text: 'Ciao, sono qui per ascoltarti.' }
    assert.equal((await call(url, { cookie: volunteer.cookie, body })).status, 403)
    const created = await call(url, { cookie: coordinator.cookie, body })
    assert.equal(created.status, 201)
    assert.equal((await call(url, { cookie: coordinator.cookie, body })).status, 409)
    const changed = await call(`${server.url}/api/canned-replies/${created.body.id}`, {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: { ...body, text: 'Ciao, sono qui. Ti ascolto.' },
    })
    assert.equal(changed.body.text, 'Ciao, sono qui. Ti ascolto.')

    const setup = await call(`${server.url}/api/helplines/${line.helplineId}/desk`, {
      cookie: volunteer.cookie,
    })
    assert.equal(setup.status, 200)
    assert.deepEqual(
      setup.body.cannedReplies.map((r: { shortcut: string; text: string }) => [r.shortcut, r.text]),
      [['benvenuto', 'Ciao, sono qui. Ti ascolto.']],
    )
    assert.deepEqual(setup.body.desk, DESK)
    assert.deepEqual(
      setup.body.colleagues.map((c: { displayName: string }) => c.displayName),
      ['Carla', 'Giulia', 'Marco', 'Sara'],
    )

    // the wall: another helpline's supervisor sees neither the list nor the reply
    const walled = await call(`${server.url}/api/helplines/${line.helplineId}/desk`, {
      cookie: stranger.cookie,
    })
    assert.equal(walled.status, 404)
    const otherCoordinator = await makeOperator(server, [
      { helplineId: other.helplineId, role: 'coordinator' },
    ])
    const edit = await call(`${server.url}/api/canned-replies/${created.body.id}`, {
      method: 'DELETE',
      cookie: otherCoordinator.cookie,
    })
    assert.equal(edit.status, 404)
    const spare = await call(url, { cookie: coordinator.cookie, body: { ...body, shortcut: 'spare' } })
    const removed = await call(`${server.url}/api/canned-replies/${spare.body.id}`, {
      method: 'DELETE',
      cookie: coordinator.cookie,
    })
    assert.equal(removed.status, 204)
  })

  it('keeps notes among the staff: never delivered, never in the widget, not counted', async () => {
    const { id, token } = await openConversation('Mi sento solo stasera')
    const consoleSocket = await connectConsole(server.url, supervisor.cookie)
    try {
      // the supervisor's console opens the conversation (an audited read naming the socket): its
      // notes reach that console whole from now on
      const opened = await call(`${server.url}/api/conversations/${id}`, {
        cookie: supervisor.cookie,
        headers: { 'x-ascolto-socket': consoleSocket.id ?? '' },
      })
      assert.equal(opened.status, 200)
      const heard = nextEvent<MessageView>(consoleSocket, 'message.created', (m) => m.direction === 'note')
      const note = await call(`${server.url}/api/conversations/${id}/notes`, {
        cookie: volunteer.cookie,
        body: { text: 'Sembra molto giovane: chiedo a Sara' },
      })
      assert.equal(note.status, 201)
      assert.equal(note.body.direction, 'note')
      assert.equal((await heard).text, 'Sembra molto giovane: chiedo a Sara')
    } finally {
      consoleSocket.close()
    }
    const transcript = await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token,
    })
    assert.deepEqual(
      transcript.body.messages.map((m: { text: string }) => m.text),
      ['Mi sento solo stasera'],
    )
    const outbox = await server.pool.query(
      `select 1 from outbox o join message m on m.id::text = o.payload->>'messageId' where m.direction = 'note'`,
    )
    assert.equal(outbox.rowCount, 0)
    const walled = await call(`${server.url}/api/conversations/${id}/notes`, {
      cookie: stranger.cookie,
      body: { text: 'x' },
    })
    assert.equal(walled.status, 404)
  })

  it('closes with the helpline’s categories and outcome, which reach the anonymous facts and outlive retention', async () => {
    const { id } = await openConversation('Mi prendono in giro a scuola')
    await call(`${server.url}/api/conversations/${id}/messages`, {
      cookie: volunteer.cookie,
      body: { text: 'Mi dispiace molto. Raccontami.' },
    })
    const close = (body: unknown) =>
      call(`${server.url}/api/conversations/${id}/close`, { cookie: volunteer.cookie, body })
    assert.equal((await close({ categories: ['bullying'] })).status, 400, 'the required outcome is missing')
    assert.equal((await close({ categories: ['weather'], outcome: { outcome: 'listened' } })).status, 400)
    assert.equal((await close({ categories: ['bullying'], outcome: { outcome: 'maybe' } })).status, 400)
    const closed = await close({ categories: ['bullying', 'loneliness'], outcome: { outcome: 'referred' } })
    assert.equal(closed.status, 200)
    assert.equal(closed.body.status, 'closed')

    const fact = async () =>
      (
        await server.pool.query(
          'select categories, outcome, inbound_count, outbound_count from conversation_fact where conversation_id = $1',
          [id],
        )
      ).rows[0]
    assert.deepEqual(await fact(), {
      categories: ['bullying', 'loneliness'],
      outcome: { outcome: 'referred' },
      inbound_count: 1,
      outbound_count: 1,
    })
    const far = new Date(Date.now() + 400 * 24 * 3600 * 1000)
    await purgeInactiveContacts(server.pool, server.services.keyring, { now: far })
    const gone = await server.pool.query('select 1 from conversation where id = $1', [id])
    assert.equal(gone.rowCount, 0)
    assert.deepEqual((await fact())?.categories, ['bullying', 'loneliness'])
  })

  it('transfers to a colleague with a note, and lets a volunteer call a supervisor', async () => {
    const { id } = await openConversation('Ho bisogno di aiuto')
    const consoleSocket = await connectConsole(server.url, supervisor.cookie)
    try {
      const called = nextEvent<HelpRequest>(consoleSocket, 'help.requested', (r) => r.conversationId === id)
      const help = await call(`${server.url}/api/conversations/${id}/help`, {
        cookie: volunteer.cookie,
        body: {},
      })
      assert.equal(help.status, 200)
      assert.equal(help.body.helpRequested, true)
      assert.equal((await called).requestedBy.displayName, 'Giulia')
    } finally {
      consoleSocket.close()
    }
    const transfer = (cookie: string, toUserId: string) =>
      call(`${server.url}/api/conversations/${id}/transfer`, {
        cookie,
        body: { toUserId, note: 'Ha già scritto ieri, conosce Marco' },
      })
    assert.equal((await transfer(colleague.cookie, colleague.userId)).status, 409, 'not theirs to hand over')
    assert.equal((await transfer(volunteer.cookie, stranger.userId)).status, 400, 'not of this helpline')
    const moved = await transfer(volunteer.cookie, colleague.userId)
    assert.equal(moved.status, 200)
    assert.equal(moved.body.conversation.assignee.id, colleague.userId)
    assert.equal(moved.body.note.text, '→ Marco: Ha già scritto ieri, conosce Marco')
    const mine = await call(`${server.url}/api/conversations?status=mine`, { cookie: colleague.cookie })
    assert.ok(mine.body.conversations.some((c: ConversationView) => c.id === id))
    // a supervisor takes it over: the call for help is answered
    const over = await transfer(supervisor.cookie, supervisor.userId)
    assert.equal(over.body.conversation.assignee.id, supervisor.userId)
    assert.equal(over.body.conversation.helpRequested, false)
  })

  it('counts the person’s unread messages for the handler, and says they have written before', async () => {
    const token = visitorToken()
    const first = await openConversation('Prima volta che scrivo', token)
    assert.equal(
      (
        await call(`${server.url}/api/conversations/${first.id}/close`, {
          cookie: volunteer.cookie,
          body: { outcome: { outcome: 'listened' } },
        })
      ).status,
      200,
    )
    const second = await openConversation('Sono di nuovo io', token)
    const write = (text: string) =>
      call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
        token,
        body: { clientId: randomUUID(), text },
      })
    await write('Ci sei?')
    await write('Ti scrivo ancora')
    const mine = await call(`${server.url}/api/conversations?status=mine`, { cookie: volunteer.cookie })
    const view: ConversationView = mine.body.conversations.find((c: ConversationView) => c.id === second.id)
    assert.equal(view.earlierConversations, 1)
    assert.equal(view.unread, 3)
    const read = await call(`${server.url}/api/conversations/${second.id}/read`, {
      cookie: volunteer.cookie,
      body: {},
    })
    assert.equal(read.body.unread, 0)

    // the person's history, under the same pseudonym: the earlier conversation, and how it closed
    const history = await call(`${server.url}/api/conversations/${second.id}/history`, {
      cookie: volunteer.cookie,
    })
    assert.equal(history.status, 200)
    assert.deepEqual(
      history.body.conversations.map((h: { conversation: ConversationView; categories: string[] }) => [
        h.conversation.id,
        h.conversation.contactPseudonym,
        h.conversation.status,
        h.categories,
      ]),
      [[first.id, view.contactPseudonym, 'closed', []]],
    )
    const walled = await call(`${server.url}/api/conversations/${second.id}/history`, {
      cookie: stranger.cookie,
    })
    assert.equal(walled.status, 404)

    // the supervisor's room: every conversation not closed, and who is on with their load
    const room = await call(`${server.url}/api/helplines/${line.helplineId}/room`, {
      cookie: supervisor.cookie,
    })
    assert.equal(room.status, 200)
    assert.ok(room.body.conversations.some((c: ConversationView) => c.id === second.id))
    assert.ok(room.body.conversations.every((c: ConversationView) => c.status !== 'closed'))
    const giulia = room.body.operators.find((o: { id: string }) => o.id === volunteer.userId)
    assert.equal(giulia.signedIn, true)
    assert.equal(giulia.availability, 'available')
    assert.equal(
      giulia.load,
      room.body.conversations.filter((c: ConversationView) => c.assignee?.id === volunteer.userId).length,
    )
    assert.equal(
      (await call(`${server.url}/api/helplines/${line.helplineId}/room`, { cookie: volunteer.cookie }))
        .status,
      403,
    )
    const otherRoom = await call(`${server.url}/api/helplines/${line.helplineId}/room`, {
      cookie: stranger.cookie,
    })
    assert.equal(otherRoom.status, 404)
  })

  it('alerts the supervisors at once when a flag is raised, until one acknowledges; the playbook is ticked', async () => {
    const { id } = await openConversation('Ho 13 anni e a casa ho paura')
    const consoleSocket = await connectConsole(server.url, supervisor.cookie)
    try {
      const alerted = nextEvent<FlagAlert>(consoleSocket, 'flag.updated', (f) => f.conversationId === id)
      const raised = await call(`${server.url}/api/conversations/${id}/flags`, {
        cookie: volunteer.cookie,
        body: { kind: 'minor_at_risk', reason: 'Dice di avere 13 anni e di avere paura a casa' },
      })
      assert.equal(raised.status, 201)
      const alert = await alerted
      assert.equal(alert.kind, 'minor_at_risk')
      assert.equal(alert.raisedBy?.displayName, 'Giulia')
      assert.equal('reason' in alert, false, 'the alert to every console carries no reason')

      const open = await call(`${server.url}/api/flags`, { cookie: supervisor.cookie })
      assert.deepEqual(
        open.body.flags.map((f: FlagAlert) => f.id),
        [raised.body.id],
      )
      assert.deepEqual((await call(`${server.url}/api/flags`, { cookie: volunteer.cookie })).body.flags, [])
      assert.equal(
        (
          await call(`${server.url}/api/flags/${raised.body.id}/acknowledge`, {
            cookie: volunteer.cookie,
            body: {},
          })
        ).status,
        403,
      )
      assert.equal(
        (
          await call(`${server.url}/api/flags/${raised.body.id}/acknowledge`, {
            cookie: stranger.cookie,
            body: {},
          })
        ).status,
        404,
      )
      const acknowledged = nextEvent<FlagAlert>(
        consoleSocket,
        'flag.updated',
        (f) => f.acknowledgedAt !== null,
      )
      const ack = await call(`${server.url}/api/flags/${raised.body.id}/acknowledge`, {
        cookie: supervisor.cookie,
        body: {},
      })
      assert.equal(ack.status, 200)
      assert.equal((await acknowledged).acknowledgedBy?.displayName, 'Sara')
      assert.deepEqual((await call(`${server.url}/api/flags`, { cookie: supervisor.cookie })).body.flags, [])

      const tick = await call(`${server.url}/api/flags/${raised.body.id}/steps/emergency`, {
        cookie: supervisor.cookie,
        body: { contacted: 'Centrale 112, operatrice n. 42' },
      })
      assert.equal(tick.status, 200)
      assert.deepEqual(
        tick.body.steps.map((s: { stepId: string; contacted: string; doneBy: { displayName: string } }) => [
          s.stepId,
          s.contacted,
          s.doneBy.displayName,
        ]),
        [['emergency', 'Centrale 112, operatrice n. 42', 'Sara']],
      )
      const unknown = await call(`${server.url}/api/flags/${raised.body.id}/steps/pray`, {
        cookie: supervisor.cookie,
        body: {},
      })
      assert.equal(unknown.status, 404)
      const flags = await call(`${server.url}/api/conversations/${id}/flags`, { cookie: volunteer.cookie })
      assert.equal(flags.body.flags[0].reason, 'Dice di avere 13 anni e di avere paura a casa')
      const sealed = await server.pool.query('select reason_sealed from safeguarding_flag where id = $1', [
        raised.body.id,
      ])
      assert.equal(sealed.rows[0].reason_sealed.includes(Buffer.from('13 anni')), false, 'sealed at rest')
      const walled = await call(`${server.url}/api/conversations/${id}/flags`, { cookie: stranger.cookie })
      assert.equal(walled.status, 404)
    } finally {
      consoleSocket.close()
    }
  })
})
