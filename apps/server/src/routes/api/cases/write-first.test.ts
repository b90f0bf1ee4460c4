// The line writes first: refused without the person's consent in that case; with it, past
// WhatsApp's reply window, the approved template goes through the (fake) Cloud API. Audited.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { CaseView } from '@ascolto/protocol'
import { type FakeWhatsApp, startFakeWhatsApp } from '../../../testing/fake-whatsapp.ts'
import { call, startTestServer, type TestServer } from '../../../testing/test-server.ts'
import { openWhatsAppConversation } from '../../../testing/whatsapp-conversation.ts'

const TEMPLATE = {
  name: 'ricontatto_percorso',
  language: 'it',
  text: 'Ti scriviamo come concordato: rispondi quando vuoi.',
}

describe('the line writes first', () => {
  let server: TestServer
  let fake: FakeWhatsApp

  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
  })
  after(async () => {
    await fake?.close()
    await server?.close()
  })

  it('only where the person agreed in the case, by the approved template past the window', async () => {
    const chat = await openWhatsAppConversation(
      server,
      fake,
      { phone: '393490000077' },
      { template: TEMPLATE },
    )
    const cookie = chat.volunteer.cookie
    const api = (path: string, body?: unknown) => call(`${server.url}/api${path}`, { cookie, body })
    const opened = await api('/cases', { conversationId: chat.conversationId, title: 'Percorso gioco' })
    const view = opened.body as CaseView
    await api(`/conversations/${chat.conversationId}/close`, {})
    // three days later: WhatsApp's 24-hour window has closed
    await server.pool.query(
      `update contact_identity set last_inbound_at = now() - interval '3 days' where channel_id = $1`,
      [chat.channelId],
    )
    const member = view.members[0]
    assert.ok(member)
    assert.deepEqual(member.doors, [
      { channelId: chat.channelId, channelKind: 'whatsapp', consentAt: null, callable: false },
    ])
    const target = { contactId: member.contactId, channelId: chat.channelId }
    const messages = async () =>
      (
        await server.pool.query('select count(*)::int as n from message where channel_id = $1', [
          chat.channelId,
        ])
      ).rows[0].n as number
    const before = await messages()

    const refused = await api(`/cases/${view.id}/first-contact`, target)
    assert.equal(refused.status, 403, 'no consent: refused')
    assert.equal(await messages(), before, 'and nothing queued')

    const consented = await api(`/cases/${view.id}/consents`, target)
    assert.equal(consented.status, 200)
    assert.ok(consented.body.members[0].doors[0].consentAt, 'when, on which door')

    const sent = await api(`/cases/${view.id}/first-contact`, target)
    assert.equal(sent.status, 201)
    const [first] = await fake.waitForSent(1).then((all) => all.filter((m) => m.template))
    assert.equal(first?.template?.name, 'ricontatto_percorso')
    const linked = await api(`/cases/${view.id}`)
    assert.ok(
      linked.body.conversations.some(
        (c: { conversationId: string }) => c.conversationId === sent.body.conversationId,
      ),
      'the new conversation belongs to the case',
    )
    const audit = await server.pool.query(
      `select details from audit_event where action = 'case.first_contact' and subject_id = $1`,
      [view.id],
    )
    assert.equal(audit.rows[0]?.details.template, true)
  })
})
