// "A database dump alone reveals nothing": after conversations on the web chat and on WhatsApp,
// with replies, notes and an address typed into a message, every row of every table (and every
// bytea column as raw bytes) holds no message text, no phone number, no e-mail address, no
// visitor token and no provider message id (Meta's wamid wraps the number) in clear, and no reason
// staff typed to ask for an address or to link two people, the audit log included. And the one copy in clear the realtime fan-out makes for another
// process (an event too large for NOTIFY, in socket_io_attachments) is gone by itself within its
// cleanup interval.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { Server } from 'socket.io'
import { createBatchedAdapter } from '../apps/server/src/realtime/batched-adapter.ts'
import { ATTACHMENT_CLEANUP_MS } from '../apps/server/src/realtime/socket-server.ts'
import { dumpDatabase } from '../apps/server/src/testing/database-dump.ts'
import { eventually } from '../apps/server/src/testing/eventually.ts'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  newWamid,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappStatus,
  whatsappText,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import { connectConsole, nextEvent } from '../apps/server/src/testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'

describe('a database dump', () => {
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

  it('holds no message text, phone number, e-mail address or visitor token in clear', async () => {
    const web = await makeHelpline(server.pool)
    const { helplineId } = await makeHelpline(server.pool)
    const door = await connectFakeWhatsApp(server, fake, { helplineId })
    const volunteer = await makeOperator(server, [
      { helplineId: web.helplineId, role: 'volunteer' },
      { helplineId, role: 'volunteer' },
    ])
    const phone = '393471239876'
    const email = 'mario.rossi.1987@example.org'
    const token = visitorToken()
    const secrets = {
      web: `non ce la faccio più ${randomUUID()}`,
      email: `scrivetemi a ${email}`,
      phone: `il mio numero è +39 347 123 9876 ${randomUUID()}`,
      whatsapp: `mio marito mi controlla il telefono ${randomUUID()}`,
      reply: `sono qui, ti ascolto ${randomUUID()}`,
      note: `nota: possibile rischio ${randomUUID()}`,
    }
    const sent = await call(`${server.url}/api/widget/v1/channels/${web.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text: secrets.web },
    })
    assert.equal(sent.status, 201)
    for (const text of [secrets.email, secrets.phone]) {
      await call(`${server.url}/api/widget/v1/channels/${web.channelId}/messages`, {
        token,
        body: { clientId: randomUUID(), text },
      })
    }
    // real-shaped wamids, base64 around the number: the message, one answering it, and an early
    // status report on a send not recorded (yet), which waits in delivery_status_early
    const wamids = { inbound: newWamid(phone), answer: newWamid(phone), early: newWamid(phone) }
    const inbound = await postWhatsAppWebhook(
      door.webhookUrl,
      door.appSecret,
      whatsappPayload({
        messages: [
          whatsappText({ phone }, secrets.whatsapp, wamids.inbound),
          { ...whatsappText({ phone }, 'sì', wamids.answer), context: { from: phone, id: wamids.inbound } },
        ],
        statuses: [whatsappStatus(wamids.early, 'delivered')],
      }),
    )
    assert.equal(inbound.status, 200)

    const { rows } = await server.pool.query<{ id: string }>(
      'select id from conversation where helpline_id = any($1::uuid[])',
      [[web.helplineId, helplineId]],
    )
    assert.equal(rows.length, 2)
    for (const { id } of rows) {
      assert.equal(
        (await call(`${server.url}/api/conversations/${id}/take`, { cookie: volunteer.cookie, body: {} }))
          .status,
        200,
      )
      const reply = await call(`${server.url}/api/conversations/${id}/messages`, {
        cookie: volunteer.cookie,
        body: { text: secrets.reply },
      })
      assert.equal(reply.status, 201)
      const note = await call(`${server.url}/api/conversations/${id}/notes`, {
        cookie: volunteer.cookie,
        body: { text: secrets.note },
      })
      assert.ok(note.status === 201 || note.status === 200, `note: ${note.status}`)
    }
    // what the fake WhatsApp received proves the reply really went out, in clear, to the provider
    const [out] = await fake.waitForSent(1)
    assert.ok(
      out && Buffer.from(out.wamid.slice(6), 'base64').includes(phone),
      "the reply's wamid wraps the number",
    )

    // the reasons staff type: a reveal request (where the helpline asks for two people) and a link
    // between two people of the web chat, both sealed, in their rows and in the audit log
    await server.pool.query(
      `insert into helpline_security (helpline_id, reveal_needs_approval) values ($1, true)
       on conflict (helpline_id) do update set reveal_needs_approval = true`,
      [web.helplineId],
    )
    const reasons = {
      request: `richiamata concordata ${randomUUID()}`,
      link: `la stessa voce ${randomUUID()}`,
    }
    const [onWeb] = (
      await server.pool.query<{ id: string }>('select id from conversation where helpline_id = $1', [
        web.helplineId,
      ])
    ).rows
    assert.ok(onWeb)
    const asked = await call(`${server.url}/api/conversations/${onWeb.id}/contact/reveal-requests`, {
      cookie: volunteer.cookie,
      body: { reason: reasons.request },
    })
    assert.equal(asked.status, 201, JSON.stringify(asked.body))
    await call(`${server.url}/api/widget/v1/channels/${web.channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text: 'sono io, da un altro telefono' },
    })
    const [second] = (
      await server.pool.query<{ id: string }>(
        'select id from conversation where helpline_id = $1 and id <> $2',
        [web.helplineId, onWeb.id],
      )
    ).rows
    const supervisor = await makeOperator(server, [{ helplineId: web.helplineId, role: 'supervisor' }])
    const link = await call(`${server.url}/api/conversations/${onWeb.id}/links`, {
      cookie: supervisor.cookie,
      body: { otherConversationId: second?.id, reason: reasons.link },
    })
    assert.equal(link.status, 200, JSON.stringify(link.body))
    // the audit log keeps them too, sealed under the helpline's key (migration 0049)
    const withAudit = (await dumpDatabase(server.pool)).text
    for (const [name, reason] of Object.entries(reasons)) {
      assert.equal(withAudit.includes(reason), false, `the ${name}'s reason in clear`)
    }

    const dump = await dumpDatabase(server.pool)
    assert.ok(dump.tables > 15 && dump.text.length > 5000, 'the dump holds the database')
    for (const [name, text] of Object.entries(secrets)) {
      assert.equal(dump.text.includes(text), false, `${name} in clear`)
    }
    for (const [name, value] of [
      ['phone', phone],
      ['phone as typed', '347 123 9876'],
      ['e-mail', email],
      ['visitor token', token],
      ['the number as a wamid holds it', Buffer.from(phone).toString('base64')],
      ...Object.entries(wamids).map(([name, wamid]) => [`wamid (${name})`, wamid]),
      ['wamid (reply)', out?.wamid ?? ''],
    ]) {
      assert.equal(dump.text.includes(value as string), false, `${name} in clear`)
    }
  })

  it('loses the one copy in clear that a long message leaves for the realtime fan-out, by itself', async () => {
    const web = await makeHelpline(server.pool)
    const volunteer = await makeOperator(server, [{ helplineId: web.helplineId, role: 'volunteer' }])
    const socket = await connectConsole(server.url, volunteer.cookie)
    // the copy is made for other processes (an instance alone sends its events to nobody): a second
    // instance's consoles' namespace listens, and a raw listener sees what is sent to it
    const other = new Server(createServer())
    const otherAdapter = createBatchedAdapter(server.pool, {
      cleanupInterval: ATTACHMENT_CLEANUP_MS,
      errorHandler: () => {},
    })
    other.adapter(otherAdapter)
    other.of('/console')
    const listener = new pg.Client({ connectionString: server.databaseUrl })
    const notified: string[] = []
    try {
      await listener.connect()
      listener.on('notification', (message) => notified.push(message.payload ?? ''))
      await listener.query('listen "socket.io#/console"')
      await otherAdapter.listening
      // 4,000 characters of two bytes each: the event is over NOTIFY's 8,000 bytes
      const long = `${randomUUID()} ${'è'.repeat(4000)}`.slice(0, 4096)
      const token = visitorToken()
      const write = (text: string) =>
        call(`${server.url}/api/widget/v1/channels/${web.channelId}/messages`, {
          token,
          body: { clientId: randomUUID(), text },
        })
      // written until the instance sends its consoles' events on: it has heard of the other
      await eventually('the instance sends its events to the other', async () => {
        await write('ciao')
        return notified.some((payload) => payload.includes('message.created'))
      })
      // the text goes whole only to the console of whoever has the conversation: the volunteer takes it
      const waiting = await call(`${server.url}/api/conversations?status=waiting`, {
        cookie: volunteer.cookie,
      })
      const [conversation] = waiting.body.conversations as Array<{ id: string }>
      assert.ok(conversation)
      const taken = await call(`${server.url}/api/conversations/${conversation.id}/take`, {
        cookie: volunteer.cookie,
        body: {},
      })
      assert.equal(taken.status, 200)
      const heard = nextEvent<{ text: string }>(socket, 'message.created', (m) => m.text.length > 100)
      await write(long)
      assert.equal((await heard).text, long)
      const marker = long.slice(0, 36)
      const inAttachments = async () =>
        (await dumpDatabase(server.pool)).text.includes(marker) ||
        (
          await server.pool.query<{ n: string }>(
            `select count(*) as n from socket_io_attachments where position(convert_to($1, 'UTF8') in payload) > 0`,
            [marker],
          )
        ).rows[0]?.n !== '0'
      assert.equal(await inAttachments(), true, 'the fan-out copy exists (the known one)')
      // gone within two cleanup intervals, with nobody asking
      const deadline = Date.now() + 3 * ATTACHMENT_CLEANUP_MS
      while ((await inAttachments()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500))
      assert.equal(await inAttachments(), false, 'still in socket_io_attachments')
    } finally {
      socket.disconnect()
      await listener.end()
      await other.close()
    }
  })
})
