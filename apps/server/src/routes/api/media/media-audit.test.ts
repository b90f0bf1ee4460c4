// A file read is audited by what is served: any Range form gives bytes, so the first read of a
// file in a session is in the log whatever it asks for, and the session's later reads are not;
// an id written in capitals is the same file, never a 500 after an audit row; other spellings
// are a clean 400 or 404 that writes nothing.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type FakeWhatsApp, startFakeWhatsApp } from '../../../testing/fake-whatsapp.ts'
import { call, startTestServer, TEST_PASSWORD, type TestServer } from '../../../testing/test-server.ts'
import { openWhatsAppConversation } from '../../../testing/whatsapp-conversation.ts'

describe('reading a file, audited', () => {
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

  it('logs the first read of a file in each session, whatever Range it asks for, and only that', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393480000077' })
    const pdf = Buffer.from('%PDF-1.7 indirizzi dei servizi del territorio')
    const attached = await call(`${server.url}/api/conversations/${chat.conversationId}/attachments`, {
      cookie: chat.volunteer.cookie,
      body: { mimeType: 'application/pdf', data: pdf.toString('base64'), caption: '' },
    })
    assert.equal(attached.status, 201)
    const messageId: string = attached.body.id
    const read = (cookie: string, range?: string, id = messageId) =>
      fetch(`${server.url}/api/messages/${id}/media`, { headers: { cookie, ...(range ? { range } : {}) } })
    const logged = async () =>
      (
        await server.pool.query<{ n: number }>(
          `select count(*)::int as n from audit_event where action = 'message.media_read' and details->>'messageId' = $1`,
          [messageId],
        )
      ).rows[0]?.n

    // a suffix range larger than the file serves it whole: the first read, logged
    const whole = await read(chat.volunteer.cookie, 'bytes=-99999999')
    assert.deepEqual(Buffer.from(await whole.arrayBuffer()), pdf)
    assert.equal(await logged(), 1)
    // the same session again, in another spelling and without a range: no new row
    for (const range of ['bytes=00-', undefined, 'bytes=5-9']) {
      assert.ok((await read(chat.volunteer.cookie, range)).ok)
    }
    assert.equal(await logged(), 1)
    // another session of the same person: its first read is logged, from any byte
    const signIn = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: chat.volunteer.email, password: TEST_PASSWORD }),
    })
    const second = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    assert.equal((await read(second, 'bytes=00-')).status, 206)
    assert.equal(await logged(), 2)

    // the id in capitals is the same file (a UUID's case means nothing): served, not a 500 after
    // writing a row, and already read in this session
    const upper = await read(second, undefined, messageId.toUpperCase())
    assert.equal(upper.status, 200)
    assert.deepEqual(Buffer.from(await upper.arrayBuffer()), pdf)
    assert.equal(await logged(), 2)
    // other spellings of the id, canonical or not: the file, or a clean 400/404; never a 500, and
    // never a row of their own (in the new session's first read of nothing, either)
    const third = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: chat.volunteer.email, password: TEST_PASSWORD }),
    })
    const fresh = (third.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const mixed = [...messageId].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('')
    for (const id of [
      `{${messageId}}`,
      messageId.replaceAll('-', ''),
      `urn:uuid:${messageId}`,
      `${messageId}%20`,
      `%20${messageId}`,
      `${messageId.toUpperCase()}0`,
      messageId.replace(/^./, 'g'),
    ]) {
      const answer = await read(fresh, undefined, id)
      assert.ok([400, 404].includes(answer.status), `${id}: ${answer.status}`)
      assert.match((await answer.json()).code, /^ASCOLTO_ERR_/)
    }
    assert.equal(await logged(), 2, 'no row for a file not served')
    const served = await read(fresh, 'bytes=0-3', mixed)
    assert.equal(served.status, 206)
    assert.equal(await logged(), 3, "the session's first read, in any case")
  })
})
