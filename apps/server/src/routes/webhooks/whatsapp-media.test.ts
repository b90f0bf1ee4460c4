// Files people send on WhatsApp, for real: the webhook is acknowledged without waiting for the
// download, the worker fetches the file through the Graph API's two steps, checks it and stores
// it sealed; the console is told and plays it; the wall and the size and type limits hold. And
// the number's pace: sends never outrun the configured rate.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { MessageView } from '@ascolto/protocol'
import { type FakeWhatsApp, newWamid, startFakeWhatsApp } from '../../testing/fake-whatsapp.ts'
import { connectConsole, nextEvent } from '../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'
import {
  openWhatsAppConversation,
  untilSettled,
  type WhatsAppChat,
} from '../../testing/whatsapp-conversation.ts'

/** The first bytes of an Ogg Opus voice note, then noise: a file no one could mistake for text. */
const VOICE_NOTE = Buffer.concat([Buffer.from('OggS\0\x02'), Buffer.from('OpusHead'), Buffer.alloc(4000, 7)])

describe('WhatsApp: files people send, and the pace of sends', () => {
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

  /** A message with a file, as Meta posts it: the id, the type, the checksum in base64. */
  function mediaMessage(
    phone: string,
    type: 'audio' | 'image' | 'document',
    mediaId: string,
    bytes: Buffer,
    mimeType: string,
  ) {
    return {
      from: phone,
      id: newWamid(),
      timestamp: String(Math.floor(Date.now() / 1000)),
      type,
      [type]: {
        id: mediaId,
        mime_type: mimeType,
        sha256: createHash('sha256').update(bytes).digest('base64'),
        ...(type === 'audio' ? { voice: true } : {}),
      },
    }
  }

  const messageWithMedia = async (chat: WhatsAppChat) =>
    (
      await server.pool.query<{ id: string; media_status: string; media_error: string | null }>(
        `select id, media_status, media_error from message
          where conversation_id = $1 and media is not null order by seq desc limit 1`,
        [chat.conversationId],
      )
    ).rows[0]

  async function untilMedia(chat: WhatsAppChat, ms = 15_000) {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) {
      const row = await messageWithMedia(chat)
      if (row && row.media_status !== 'pending') return row
      await server.pool.query(
        `update outbox set run_at = now() where kind = 'fetch_media' and run_at > now()`,
      )
      server.services.publisher.outboxChanged()
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('the file was not fetched')
  }

  it('acknowledges at once, fetches the voice note in the worker, stores it sealed, and the console plays it', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393480000001' }, { timeoutMs: 300 })
    const consoleSocket = await connectConsole(server.url, chat.volunteer.cookie)
    try {
      const mediaId = fake.addMedia(VOICE_NOTE, 'audio/ogg; codecs=opus')
      // the Graph API hangs on the first look-up: the webhook is answered all the same
      fake.fail(1, 'hang')
      const stored = nextEvent<MessageView>(
        consoleSocket,
        'message.updated',
        (m) => m.media?.status === 'stored',
        30_000,
      )
      await chat.write(mediaMessage('393480000001', 'audio', mediaId, VOICE_NOTE, 'audio/ogg; codecs=opus'))
      const pending = await messageWithMedia(chat)
      assert.equal(pending?.media_status, 'pending')

      const view = await stored
      assert.deepEqual(view.media, {
        status: 'stored',
        mimeType: 'audio/ogg',
        voice: true,
        durationSeconds: null,
        error: null,
      })
      const file = await fetch(`${server.url}/api/messages/${view.id}/media`, {
        headers: { cookie: chat.volunteer.cookie },
      })
      assert.equal(file.status, 200)
      assert.equal(file.headers.get('content-type'), 'audio/ogg')
      assert.equal(file.headers.get('content-disposition'), 'inline')
      assert.match(file.headers.get('cache-control') ?? '', /no-store/)
      assert.equal(file.headers.get('x-content-type-options'), 'nosniff')
      assert.deepEqual(Buffer.from(await file.arrayBuffer()), VOICE_NOTE)

      // at rest: sealed, bound to its message; nothing of the file in clear
      const { rows } = await server.pool.query(
        'select sealed, byte_size from media_file where message_id = $1',
        [view.id],
      )
      assert.equal(rows[0].byte_size, VOICE_NOTE.length)
      assert.equal(rows[0].sealed.includes(Buffer.from('OpusHead')), false)
    } finally {
      consoleSocket.close()
    }
  })

  it('keeps the file behind the wall: another helpline’s volunteer, or no session, finds nothing; each read is logged', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393480000002' })
    const mediaId = fake.addMedia(Buffer.from('%PDF-1.7 un documento'), 'application/pdf')
    await chat.write(
      mediaMessage(
        '393480000002',
        'document',
        mediaId,
        Buffer.from('%PDF-1.7 un documento'),
        'application/pdf',
      ),
    )
    const row = await untilMedia(chat)
    assert.equal(row.media_status, 'stored')
    const mine = await fetch(`${server.url}/api/messages/${row.id}/media`, {
      headers: { cookie: chat.volunteer.cookie },
    })
    assert.equal(mine.headers.get('content-disposition'), 'attachment; filename="file"')

    const other = await makeHelpline(server.pool)
    const stranger = await makeOperator(server, [{ helplineId: other.helplineId, role: 'supervisor' }])
    assert.equal(
      (await call(`${server.url}/api/messages/${row.id}/media`, { cookie: stranger.cookie })).status,
      404,
    )
    assert.equal((await call(`${server.url}/api/messages/${row.id}/media`)).status, 401)

    // a player's later part is the same read, not another line in the log
    const part = await fetch(`${server.url}/api/messages/${row.id}/media`, {
      headers: { cookie: chat.volunteer.cookie, range: 'bytes=5-9' },
    })
    assert.equal(part.status, 206)
    const { rows: reads } = await server.pool.query(
      `select actor_id, subject_id, details from audit_event where action = 'message.media_read'
          and details->>'messageId' = $1`,
      [row.id],
    )
    assert.deepEqual(reads, [
      { actor_id: chat.volunteer.userId, subject_id: chat.conversationId, details: { messageId: row.id } },
    ])
  })

  it('refuses a file over 16 MB and a type Ascolto does not open, and says why', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393480000003' })
    const big = fake.addMedia(Buffer.from('video'), 'video/mp4', { declaredSize: 40 * 1024 * 1024 })
    await chat.write(mediaMessage('393480000003', 'document', big, Buffer.from('video'), 'video/mp4'))
    assert.deepEqual(await untilMedia(chat).then((r) => [r.media_status, r.media_error]), [
      'refused',
      'ASCOLTO_ERR_MEDIA_TOO_LARGE',
    ])
    const page = Buffer.from('<html><script>alert(1)</script></html>')
    const html = fake.addMedia(page, 'text/html')
    await chat.write(mediaMessage('393480000003', 'document', html, page, 'text/html'))
    assert.deepEqual(await untilMedia(chat).then((r) => [r.media_status, r.media_error]), [
      'refused',
      'ASCOLTO_ERR_MEDIA_TYPE',
    ])
    const stored = await server.pool.query(
      'select count(*)::int as n from media_file f join message m on m.id = f.message_id where m.conversation_id = $1',
      [chat.conversationId],
    )
    assert.equal(stored.rows[0].n, 0)
  })

  it('marks a file lost when Meta no longer has it', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393480000004' })
    await chat.write(mediaMessage('393480000004', 'image', '9999999999', Buffer.from('x'), 'image/jpeg'))
    assert.deepEqual(await untilMedia(chat).then((r) => [r.media_status, r.media_error]), ['failed', '100'])
  })

  it('keeps to the number’s pace: sends spaced by at least 1/rate seconds, none dropped', async () => {
    const rate = 5
    const first = await openWhatsAppConversation(
      server,
      fake,
      { phone: '393480000010' },
      { maxPerSecond: rate },
    )
    const chats = [
      first,
      await first.another({ phone: '393480000011' }),
      await first.another({ phone: '393480000012' }),
    ]
    const before = fake.sent.length
    // three conversations side by side: without a pace the worker would send them all at once
    await Promise.all(chats.map((chat) => Promise.all([1, 2, 3].map((n) => chat.reply(`risposta ${n}`)))))
    for (const chat of chats) await untilSettled(server, chat.conversationId)
    const sends = fake.sent.slice(before)
    assert.equal(sends.length, 9)
    // never more than the rate in any second (one more for the jitter of a send on its way), and
    // the whole burst spread over at least the time its slots take, less one slot for the first
    // send's own way there on a busy machine (unpaced, the nine would arrive within milliseconds)
    const inAnySecond = Math.max(
      ...sends.map((m) => sends.filter((o) => o.at >= m.at && o.at < m.at + 1000).length),
    )
    assert.ok(inAnySecond <= rate + 1, `${inAnySecond} sends in one second`)
    const span = (sends.at(-1)?.at ?? 0) - (sends[0]?.at ?? 0)
    assert.ok(span >= ((sends.length - 2) * 1000) / rate, `${sends.length} sends over ${span} ms`)
  })

  it('sends a file the volunteer attaches: uploaded to Meta, then sent by its id with the caption', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393480000020' })
    const leaflet = Buffer.from('%PDF-1.7 orari e indirizzi del consultorio')
    const attach = (body: Record<string, unknown>, cookie = chat.volunteer.cookie) =>
      call(`${server.url}/api/conversations/${chat.conversationId}/attachments`, { cookie, body })
    const before = fake.sent.length
    const sent = await attach({
      mimeType: 'application/pdf',
      data: leaflet.toString('base64'),
      caption: 'Ecco gli orari del consultorio',
    })
    assert.equal(sent.status, 201)
    assert.equal(sent.body.kind, 'media')
    assert.equal(sent.body.text, 'Ecco gli orari del consultorio')
    assert.deepEqual(sent.body.media, {
      status: 'stored',
      mimeType: 'application/pdf',
      voice: false,
      durationSeconds: null,
      error: null,
    })
    const [row] = await untilSettled(server, chat.conversationId)
    assert.equal(row?.status, 'sent')
    const request = fake.sent[before]
    assert.equal(request?.media?.type, 'document')
    assert.equal(request?.media?.filename, 'documento.pdf')
    assert.deepEqual(request?.media?.bytes, leaflet)
    assert.equal(request?.text, 'Ecco gli orari del consultorio')
    // the volunteer's console shows what was sent, from Ascolto's own sealed copy
    const copy = await fetch(`${server.url}/api/messages/${sent.body.id}/media`, {
      headers: { cookie: chat.volunteer.cookie },
    })
    assert.deepEqual(Buffer.from(await copy.arrayBuffer()), leaflet)

    // refused, and nothing written: a page a browser would run, sound with words, a broken encoding
    const refusals = [
      { mimeType: 'text/html', data: Buffer.from('<script>x</script>').toString('base64'), caption: '' },
      { mimeType: 'audio/ogg', data: VOICE_NOTE.toString('base64'), caption: 'parole' },
      { mimeType: 'application/pdf', data: 'non è base64!', caption: '' },
      { mimeType: 'application/pdf', data: leaflet.toString('base64'), caption: '', extra: true },
    ]
    for (const body of refusals)
      assert.equal((await attach(body)).status, 400, JSON.stringify(body).slice(0, 40))
    const other = await makeHelpline(server.pool)
    const stranger = await makeOperator(server, [{ helplineId: other.helplineId, role: 'volunteer' }])
    assert.equal(
      (
        await attach(
          { mimeType: 'application/pdf', data: leaflet.toString('base64'), caption: '' },
          stranger.cookie,
        )
      ).status,
      404,
    )
    const count = await server.pool.query(
      `select count(*)::int as n from message where conversation_id = $1 and direction = 'outbound'`,
      [chat.conversationId],
    )
    assert.equal(count.rows[0].n, 1)
  })

  it('erasing the person deletes the files Meta keeps: the one they sent and the one uploaded for them', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393480000030' })
    const photo = Buffer.from('una foto del livido')
    const received = fake.addMedia(photo, 'image/jpeg')
    await chat.write(mediaMessage('393480000030', 'image', received, photo, 'image/jpeg'))
    assert.equal((await untilMedia(chat)).media_status, 'stored')
    const attached = await call(`${server.url}/api/conversations/${chat.conversationId}/attachments`, {
      cookie: chat.volunteer.cookie,
      body: {
        mimeType: 'application/pdf',
        data: Buffer.from('%PDF-1.7 numeri utili').toString('base64'),
        caption: '',
      },
    })
    assert.equal(attached.status, 201)
    await untilSettled(server, chat.conversationId)
    const { rows } = await server.pool.query<{ uploaded: string }>(
      `select media->>'providerMediaId' as uploaded from message where id = $1`,
      [attached.body.id],
    )
    const uploaded = rows[0]?.uploaded ?? ''
    assert.match(uploaded, /^\d+$/)

    const coordinator = await makeOperator(server, [{ helplineId: chat.helplineId, role: 'coordinator' }])
    const erased = await call(`${server.url}/api/conversations/${chat.conversationId}/contact/erase`, {
      cookie: coordinator.cookie,
      body: { reason: 'richiesta dell’interessata' },
    })
    assert.equal(erased.status, 200)
    const deadline = Date.now() + 15_000
    while (!(fake.deletedMedia.includes(received) && fake.deletedMedia.includes(uploaded))) {
      assert.ok(Date.now() < deadline, `deleted at Meta: ${fake.deletedMedia.join(', ')}`)
      server.services.publisher.outboxChanged()
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })
})
