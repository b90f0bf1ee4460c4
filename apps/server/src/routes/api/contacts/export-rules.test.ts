// A person's export obeys the rules of a reveal: without a reason it leaves the addresses out; with
// one, the two-person approval holds where the helpline asks for it; either way it is audited. The
// helpline's data-protection contact is told of every reveal and export, by e-mail through the
// helpline's mailbox: the pseudonym, who and why, never the address nor the person's words.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, importHelplineSettings, openAuditReason } from '@ascolto/core'
import type { ContactExport } from '@ascolto/protocol'
import { eventually } from '../../../testing/eventually.ts'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../../../testing/fake-whatsapp.ts'
import { type LocalSmtp, startLocalSmtp } from '../../../testing/local-mail.ts'
import { connectLocalMailbox } from '../../../testing/rota-fixtures.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'

const PHONE = '393475550199'
const DPO = 'dpo@associazione.example.org'

describe('an export under the rules of a reveal, told to the data-protection contact', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  let smtp: LocalSmtp
  let helplineId: string
  let conversationId: string
  let staff: Record<'supervisor' | 'coordinator', Awaited<ReturnType<typeof makeOperator>>>

  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
    smtp = await startLocalSmtp()
    ;({ helplineId } = await makeHelpline(server.pool))
    const door = await connectFakeWhatsApp(server, fake, { helplineId })
    await connectLocalMailbox(server, helplineId, smtp)
    await importHelplineSettings(server.pool, helplineId, {
      ...defaultSettings('Linea serale', 'Europe/Rome', 'it'),
      privacy: { dataProtectionContact: DPO },
    })
    staff = {
      supervisor: await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Sara'),
      coordinator: await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Carla'),
    }
    const written = await postWhatsAppWebhook(
      door.webhookUrl,
      door.appSecret,
      whatsappPayload({ messages: [whatsappText({ phone: PHONE }, 'vorrei sapere cosa tenete di me')] }),
    )
    assert.equal(written.status, 200)
    const { rows } = await server.pool.query<{ id: string }>(
      'select id from conversation where helpline_id = $1',
      [helplineId],
    )
    conversationId = rows[0]?.id ?? ''
  })
  after(async () => {
    await smtp.close()
    await fake.close()
    await server.close()
  })

  const exportUrl = () => `${server.url}/api/conversations/${conversationId}/contact/export`
  const exportedAudits = async () =>
    (
      await server.pool.query<{
        id: string
        helpline_id: string
        reason_sealed: Buffer | null
        details: Record<string, unknown>
      }>(
        `select id, helpline_id, reason_sealed, details from audit_event
          where action = 'contact.exported' and helpline_id = $1 order by id`,
        [helplineId],
      )
    ).rows.map((row): Record<string, unknown> => {
      // the reason typed is sealed in its own column: opened here as the audit screen opens it
      const reason = openAuditReason(server.services.keyring, row)
      return reason === undefined ? row.details : { ...row.details, reason }
    })
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address))

  it('leaves the addresses out of an export asked for without a reason', async () => {
    const exported = await call(exportUrl(), { cookie: staff.coordinator.cookie })
    assert.equal(exported.status, 200)
    const body = exported.body as ContactExport
    assert.deepEqual(body.addresses, [])
    assert.equal(body.addressesIncluded, false)
    assert.ok(!JSON.stringify(body).includes(PHONE))
    assert.equal(body.conversations[0]?.messages[0]?.text, 'vorrei sapere cosa tenete di me')
    assert.deepEqual(await exportedAudits(), [{ conversations: 1, messages: 1, addresses: false }])
  })

  it('includes them with a reason, audited with it, and tells the data-protection contact', async () => {
    const reason = 'richiesta di accesso della persona, protocollo 12/2026'
    const exported = await call(exportUrl(), { cookie: staff.coordinator.cookie, body: { reason } })
    assert.equal(exported.status, 200)
    assert.deepEqual(
      (exported.body as ContactExport).addresses.map((a) => a.address),
      [PHONE],
    )
    assert.deepEqual((await exportedAudits()).at(-1), {
      conversations: 1,
      messages: 1,
      addresses: true,
      reason,
    })
    // one notice per export: the one without addresses too
    await eventually('two notices', () => mailsTo(DPO).length === 2)
    const [first, second] = mailsTo(DPO).map((m) => m.mail.text ?? '')
    const { rows } = await server.pool.query<{ pseudonym: number }>(
      'select pseudonym from contact where helpline_id = $1',
      [helplineId],
    )
    assert.match(
      first ?? '',
      new RegExp(`Carla ha esportato i dati di Persona #${rows[0]?.pseudonym}, senza indirizzi`),
    )
    assert.match(second ?? '', /indirizzi compresi/)
    assert.ok(second?.includes(reason))
    for (const mail of mailsTo(DPO)) {
      const raw = mail.raw.toString()
      assert.ok(!raw.includes(PHONE) && !raw.includes('vorrei sapere'), 'no address, no words of the person')
    }
  })

  it('asks for an approved request of the exporter’s own where the helpline wants two people', async () => {
    const security = await call(`${server.url}/api/helplines/${helplineId}/security`, {
      method: 'PUT',
      cookie: staff.coordinator.cookie,
      body: { volunteerSecondFactor: false, sessionIdleMinutes: 720, revealNeedsApproval: true },
    })
    assert.equal(security.status, 200)
    const before = (await exportedAudits()).length
    const reason = 'la persona chiede copia dei suoi dati'
    const refused = await call(exportUrl(), { cookie: staff.coordinator.cookie, body: { reason } })
    assert.equal(refused.status, 403)
    assert.equal((await exportedAudits()).length, before, 'a refused export is not one')
    // still possible without the addresses
    assert.equal((await call(exportUrl(), { cookie: staff.coordinator.cookie })).status, 200)

    const asked = await call(`${server.url}/api/conversations/${conversationId}/contact/reveal-requests`, {
      cookie: staff.coordinator.cookie,
      body: { reason },
    })
    assert.equal(asked.status, 201)
    const approved = await call(`${server.url}/api/reveal-requests/${asked.body.id}/approve`, {
      cookie: staff.supervisor.cookie,
      body: {},
    })
    assert.equal(approved.status, 204)
    const exported = await call(exportUrl(), { cookie: staff.coordinator.cookie, body: { reason: 'altro' } })
    assert.equal(exported.status, 200)
    assert.deepEqual(
      (exported.body as ContactExport).addresses.map((a) => a.address),
      [PHONE],
    )
    const audited = (await exportedAudits()).at(-1)
    assert.equal(audited?.requestId, asked.body.id)
    assert.equal(audited?.approvedBy, staff.supervisor.userId)
    assert.equal(audited?.reason, reason, 'the reason is the approved request’s')
    // spent: a second export with the addresses needs another approval
    assert.equal(
      (await call(exportUrl(), { cookie: staff.coordinator.cookie, body: { reason } })).status,
      403,
    )
  })

  it('tells the data-protection contact of a reveal too', async () => {
    const reason = 'rischio imminente: richiamata'
    const asked = await call(`${server.url}/api/conversations/${conversationId}/contact/reveal-requests`, {
      cookie: staff.coordinator.cookie,
      body: { reason },
    })
    await call(`${server.url}/api/reveal-requests/${asked.body.id}/approve`, {
      cookie: staff.supervisor.cookie,
      body: {},
    })
    const revealed = await call(`${server.url}/api/conversations/${conversationId}/contact/reveal`, {
      cookie: staff.coordinator.cookie,
      body: { reason },
    })
    assert.equal(revealed.status, 200)
    const seen = () => mailsTo(DPO).find((m) => m.mail.text?.includes('ha visto'))
    await eventually('the reveal’s notice', () => seen() !== undefined)
    const text = seen()?.mail.text ?? ''
    assert.match(text, /Carla ha visto l’indirizzo di Persona #\d+/)
    assert.ok(text.includes(reason) && !text.includes(PHONE))
  })
})
