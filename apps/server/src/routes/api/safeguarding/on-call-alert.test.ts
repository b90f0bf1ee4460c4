// The on-call supervisor's alert outside the console: raising a flag sends it through one of the
// helpline's channels (here WhatsApp, its Graph API the fake at the network edge) to the number
// the helpline set, with the kind of risk and the pseudonym only, again until a supervisor
// acknowledges the flag, and never after.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { ConversationView } from '@ascolto/protocol'
import { setDeskSettings } from '../../../testing/desk-settings.ts'
import { connectFakeWhatsApp, type FakeWhatsApp, startFakeWhatsApp } from '../../../testing/fake-whatsapp.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

const ON_CALL = '393331234567'

describe('the on-call supervisor’s alert', () => {
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

  async function until(done: () => Promise<boolean> | boolean, ms = 10_000) {
    const deadline = Date.now() + ms
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('timed out')
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  it('goes to the on-call number at once, again until acknowledged, then stops', async () => {
    const line = await makeHelpline(server.pool)
    const channel = await connectFakeWhatsApp(server, fake, { helplineId: line.helplineId })
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    const volunteer = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'volunteer' }],
      'Giulia',
    )
    const supervisor = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'supervisor' }],
      'Sara',
    )
    await setDeskSettings(server, line.helplineId, coordinator.cookie, {
      onCall: { channelId: channel.channelId, address: ON_CALL, everyMinutes: 5 },
    })

    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text: 'Ho 12 anni e mi fanno del male' },
    })
    const queue = await call(`${server.url}/api/conversations?status=waiting`, { cookie: volunteer.cookie })
    const conversation: ConversationView = queue.body.conversations[0]
    const before = fake.sent.length
    const raised = await call(`${server.url}/api/conversations/${conversation.id}/flags`, {
      cookie: volunteer.cookie,
      body: { kind: 'minor_at_risk', reason: 'Dice di avere 12 anni e che le fanno del male' },
    })
    assert.equal(raised.status, 201)

    await until(() => fake.sent.length > before)
    const alert = fake.sent[before]
    assert.ok(alert)
    assert.equal(alert.to, ON_CALL)
    assert.match(alert.text, /segnalazione di tutela \(possibile minore a rischio\) per Persona #\d+/)
    assert.equal(alert.text.includes('12 anni'), false, 'never the reason or the person’s words')

    // not acknowledged: the same row is due again in five minutes
    const pending = async () =>
      (
        await server.pool.query<{ due_in: number; sent: string }>(
          `select extract(epoch from run_at - now())::float8 as due_in, payload->>'sent' as sent
             from outbox where kind = 'safeguarding_alert' and payload->>'flagId' = $1`,
          [raised.body.id],
        )
      ).rows[0]
    await until(async () => (await pending())?.sent === '1')
    const scheduled = await pending()
    assert.ok(scheduled && scheduled.due_in > 240 && scheduled.due_in <= 300)
    // the five minutes pass: alerted again
    await server.pool.query(`update outbox set run_at = now() where kind = 'safeguarding_alert'`)
    await until(() => fake.sent.length > before + 1)
    assert.equal(fake.sent[before + 1]?.to, ON_CALL)

    // acknowledged: the next run ends the alerting without a word
    await until(async () => (await pending())?.sent === '2')
    const ack = await call(`${server.url}/api/flags/${raised.body.id}/acknowledge`, {
      cookie: supervisor.cookie,
      body: {},
    })
    assert.equal(ack.status, 200)
    await server.pool.query(`update outbox set run_at = now() where kind = 'safeguarding_alert'`)
    await until(async () => (await pending()) === undefined)
    assert.equal(fake.sent.length, before + 2)
    const audited = await server.pool.query(
      `select details from audit_event where action = 'safeguarding.alert_sent' and subject_id = $1 order by id`,
      [raised.body.id],
    )
    assert.deepEqual(
      audited.rows.map((r) => r.details),
      [
        { channelKind: 'whatsapp', count: 1 },
        { channelKind: 'whatsapp', count: 2 },
      ],
    )
  })
})
