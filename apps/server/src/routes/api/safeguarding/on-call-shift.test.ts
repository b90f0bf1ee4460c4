// The on-call alert follows the rota: with the helpline's mailbox as the alert's door, a flag
// raised on Saturday evening mails the supervisor on shift then; with nobody on shift (Sunday),
// the fixed address of the settings. The mail server is a local SMTP server (the network edge).
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { setDeskSettings } from '../../../testing/desk-settings.ts'
import { type LocalSmtp, startLocalSmtp } from '../../../testing/local-mail.ts'
import { connectLocalMailbox, rome } from '../../../testing/rota-fixtures.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

const FALLBACK = 'reperibile@helpline.example.org'

describe('the on-call alert and the rota', () => {
  let smtp: LocalSmtp
  let server: TestServer
  let now = rome('2026-03-07 19:30')
  before(async () => {
    smtp = await startLocalSmtp()
    server = await startTestServer({}, { clock: () => now })
  })
  after(async () => {
    await server?.close()
    await smtp?.close()
  })

  async function until(done: () => boolean, ms = 15_000) {
    const deadline = Date.now() + ms
    while (!done()) {
      if (Date.now() > deadline) throw new Error('timed out')
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  it('mails the supervisor on shift now, and the fixed address when nobody is', async () => {
    const line = await makeHelpline(server.pool)
    const mailbox = await connectLocalMailbox(server, line.helplineId, smtp)
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    const volunteer = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'volunteer' }],
      'Giulia',
    )
    const sara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    await setDeskSettings(server, line.helplineId, coordinator.cookie, {
      onCall: { channelId: mailbox.id, address: FALLBACK, everyMinutes: 5 },
    })
    const shift = await call(`${server.url}/api/helplines/${line.helplineId}/shifts`, {
      cookie: coordinator.cookie,
      body: {
        startsOn: '2026-03-07',
        start: '18:00',
        end: '21:00',
        weekdays: ['SA'],
        needs: { supervisor: 1 },
      },
    })
    const onShift = await call(`${server.url}/api/shifts/${shift.body.id}/assignments`, {
      cookie: sara.cookie,
      body: { date: '2026-03-07', role: 'supervisor' },
    })
    assert.equal(onShift.status, 201)

    const flagged = new Set<string>()
    const raise = async () => {
      await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
        token: visitorToken(),
        body: { clientId: randomUUID(), text: 'Ho paura' },
      })
      const queue = await call(
        `${server.url}/api/conversations?status=waiting&helplineId=${line.helplineId}`,
        {
          cookie: volunteer.cookie,
        },
      )
      const { id } = queue.body.conversations.find((c: { id: string }) => !flagged.has(c.id))
      flagged.add(id)
      const raised = await call(`${server.url}/api/conversations/${id}/flags`, {
        cookie: volunteer.cookie,
        body: { kind: 'imminent_risk', reason: 'Dice di avere paura' },
      })
      assert.equal(raised.status, 201)
    }

    await raise()
    await until(() => smtp.received.length === 1)
    assert.deepEqual(smtp.received[0]?.to, [sara.email])

    // Sunday evening: nobody on shift, so the fixed address
    now = rome('2026-03-08 19:30')
    await raise()
    await until(() => smtp.received.some((m) => m.to.includes(FALLBACK)))
    // the first flag's alert comes again in five minutes, to whoever is on call then: not yet
    assert.deepEqual(
      smtp.received.map((m) => m.to),
      [[sara.email], [FALLBACK]],
    )
  })
})
