// E-mail for real: Debian's Dovecot holds the helpline's mailbox, the worker reads it over IMAP
// (IDLE) and stores each mail once, its quoted history stripped and HTML as text, marking it read
// only once stored; automatic replies are not taken. Replies leave by SMTP to a real local server,
// threaded under the person's mail; a 4xx is tried again, a 5xx fails with its code.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { emailConnection } from '@ascolto/channels'
import { connectChannel } from '@ascolto/core'
import { type Dovecot, type LocalSmtp, startDovecot, startLocalSmtp } from '../testing/local-mail.ts'
import { repliesSettled } from '../testing/replies-settled.ts'
import { openChannelAddresses, openMessageProviderId, openMessageText } from '../testing/sealed.ts'
import { call, makeHelpline, makeOperator, startTestServer, type TestServer } from '../testing/test-server.ts'

const MAILBOX = 'ascolto@helpline.example.org'
const PASSWORD = randomBytes(12).toString('hex')

function mail(input: {
  from: string
  id: string
  subject?: string
  body: string
  headers?: string[]
  html?: boolean
}) {
  return [
    `From: Giulia <${input.from}>`,
    `To: ${MAILBOX}`,
    `Subject: ${input.subject ?? 'Ho bisogno di parlare'}`,
    `Message-ID: ${input.id}`,
    'Date: Tue, 01 Dec 2026 20:15:00 +0100',
    'MIME-Version: 1.0',
    ...(input.headers ?? []),
    `Content-Type: ${input.html ? 'text/html' : 'text/plain'}; charset=utf-8`,
    'Content-Transfer-Encoding: 8bit',
    '',
    input.body,
    '',
  ].join('\r\n')
}

describe('e-mail: a mailbox read over IMAP, replies by SMTP', () => {
  let dovecot: Dovecot
  let smtp: LocalSmtp
  let server: TestServer
  let helplineId: string
  let channelId: string
  before(async () => {
    dovecot = await startDovecot({ [MAILBOX]: PASSWORD })
    smtp = await startLocalSmtp()
    server = await startTestServer()
    ;({ helplineId } = await makeHelpline(server.pool))
    const { config, secrets } = emailConnection({
      address: MAILBOX,
      displayName: 'Linea di ascolto',
      imap: { host: dovecot.host, port: dovecot.port, secure: false },
      smtp: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user },
      imapPassword: PASSWORD,
      smtpPassword: smtp.password,
      replySubject: 'Risposta dalla linea di ascolto',
    })
    ;({ id: channelId } = await connectChannel(server.pool, server.services.keyring, {
      helplineId,
      kind: 'email',
      name: 'E-mail',
      config,
      secrets,
    }))
  })
  after(async () => {
    await server?.close()
    await smtp?.close()
    await dovecot?.close()
  })

  async function inbound(count: number, ms = 20_000) {
    const deadline = Date.now() + ms
    for (;;) {
      const { rows } = await server.pool.query(
        `select id, body_sealed, provider_message_id, reply_to_provider_id, conversation_id from message
          where channel_id = $1 and direction = 'inbound' order by seq`,
        [channelId],
      )
      if (rows.length >= count) {
        return Promise.all(
          rows.map(async (row) => ({
            ...row,
            text: await openMessageText(server, row.id),
            provider_id: await openMessageProviderId(server, row.id),
          })),
        )
      }
      if (Date.now() > deadline) throw new Error(`${rows.length} of ${count} mails stored`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  it('stores a mail once, without the quoted history, and marks it read only then', async () => {
    await dovecot.deliver(
      MAILBOX,
      mail({
        from: 'giulia@person.example',
        id: '<first.1@person.example>',
        body: 'Buonasera, non riesco a dormire da giorni.\nPosso scrivervi qui?\n\nIl giorno lun 30 nov 2026 alle 10:00 Linea <ascolto@helpline.example.org> ha scritto:\n> Ciao, come possiamo aiutarti?\n> Scrivici quando vuoi.',
      }),
    )
    const [first] = await inbound(1)
    assert.equal(first?.provider_id, '<first.1@person.example>')
    assert.equal(
      first?.text,
      'Ho bisogno di parlare\n\nBuonasera, non riesco a dormire da giorni.\nPosso scrivervi qui?',
    )
    assert.deepEqual(await openChannelAddresses(server, channelId), ['giulia@person.example'])
    // the same mail again (a copy, a second delivery): the Message-ID makes it a no-op
    await dovecot.deliver(
      MAILBOX,
      mail({ from: 'giulia@person.example', id: '<first.1@person.example>', body: 'x' }),
    )
    const deadline = Date.now() + 10_000
    while (
      (await dovecot.flags(MAILBOX)).some((flags) => !flags.includes('\\Seen')) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.deepEqual(await dovecot.flags(MAILBOX), [['\\Seen'], ['\\Seen']])
    assert.equal((await inbound(1)).length, 1)
  })

  it('HTML mail as plain text; automatic replies not taken', async () => {
    await dovecot.deliver(
      MAILBOX,
      mail({
        from: 'out-of-office@person.example',
        id: '<auto.1@person.example>',
        body: 'Sono in ferie fino al 7 dicembre.',
        headers: ['Auto-Submitted: auto-replied'],
      }),
    )
    await dovecot.deliver(
      MAILBOX,
      mail({
        from: 'giulia@person.example',
        id: '<html.2@person.example>',
        subject: 'Re: Ho bisogno di parlare',
        html: true,
        body: '<div>Grazie. <b>Domani</b> vi scrivo ancora.<img src="https://tracker.example/p.gif" alt=""><script>alert(1)</script></div><div class="gmail_quote">Il giorno … ha scritto:<blockquote>vecchio</blockquote></div>',
      }),
    )
    const all = await inbound(2)
    assert.equal(all.length, 2)
    assert.equal(all[1]?.text, 'Grazie. Domani vi scrivo ancora.')
    assert.equal(all[1]?.conversation_id, all[0]?.conversation_id)
  })

  it('an attachment: one more message, its file fetched from the mailbox by the worker and sealed', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(600)])
    const boundary = 'ascolto-boundary-1'
    const raw = [
      'From: Giulia <giulia@person.example>',
      `To: ${MAILBOX}`,
      'Subject: Re: Ho bisogno di parlare',
      'Message-ID: <attach.3@person.example>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Vi mando il referto.',
      `--${boundary}`,
      'Content-Type: application/pdf; name="referto.pdf"',
      'Content-Disposition: attachment; filename="referto.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      pdf.toString('base64').replace(/.{76}/g, '$&\r\n'),
      `--${boundary}--`,
      '',
    ].join('\r\n')
    await dovecot.deliver(MAILBOX, raw)
    const all = await inbound(4)
    const [text, file] = all.slice(2)
    assert.equal(text?.text, 'Vi mando il referto.')
    assert.equal(file?.text, '📄 referto.pdf')
    assert.equal(file?.provider_id, '<attach.3@person.example>#0')
    const deadline = Date.now() + 15_000
    let stored: { mime_type: string; sealed: Buffer; sha256: Buffer } | undefined
    while (!stored && Date.now() < deadline) {
      stored = (
        await server.pool.query('select mime_type, sealed, sha256 from media_file where message_id = $1', [
          file?.id,
        ])
      ).rows[0]
      if (!stored) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.ok(stored, 'the attachment was stored')
    assert.equal(stored.mime_type, 'application/pdf')
    assert.equal(stored.sealed.includes(pdf.subarray(9, 80)), false)
    assert.deepEqual(stored.sha256, (await import('node:crypto')).createHash('sha256').update(pdf).digest())
  })

  it('a reply leaves by SMTP threaded under the person’s last mail; 4xx tried again, 5xx failed', async () => {
    const [{ conversation_id: conversationId }] = await inbound(1)
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    assert.equal(
      (
        await call(`${server.url}/api/conversations/${conversationId}/take`, {
          cookie: volunteer.cookie,
          body: {},
        })
      ).status,
      200,
    )
    const reply = async (text: string) =>
      assert.equal(
        (
          await call(`${server.url}/api/conversations/${conversationId}/messages`, {
            cookie: volunteer.cookie,
            body: { text },
          })
        ).status,
        201,
      )
    smtp.refuse(1, 451)
    await reply('Ciao Giulia, ti leggo. Raccontami pure.')
    const [sent] = await repliesSettled(server, conversationId)
    assert.ok(sent)
    assert.equal(sent.status, 'sent')
    const [delivered] = smtp.received
    assert.ok(delivered)
    assert.deepEqual(delivered.to, ['giulia@person.example'])
    assert.equal(delivered.mail.from?.value[0]?.address, MAILBOX)
    assert.equal(delivered.mail.from?.value[0]?.name, 'Linea di ascolto')
    assert.equal(delivered.mail.inReplyTo, '<attach.3@person.example>')
    assert.deepEqual([delivered.mail.references].flat(), ['<attach.3@person.example>'])
    assert.equal(delivered.mail.messageId, sent.provider_id)
    assert.equal(delivered.mail.text?.trim(), 'Ciao Giulia, ti leggo. Raccontami pure.')

    smtp.refuse(1, 550)
    await reply('Questa non arriva')
    const [, refused] = await repliesSettled(server, conversationId, { count: 2 })
    assert.ok(refused)
    assert.deepEqual([refused.status, refused.error_code], ['failed', 'SMTP_550'])
    assert.equal(smtp.received.length, 1)
  })
})
