// The line writes first on the other doors: by SMS (Twilio's Messages API, the fake at the edge), by
// e-mail (SMTP to a real local server) and on Telegram (the Bot API's fake), each the operator's
// words to the person's own address on that door; refused without their consent in the case, with
// nothing sent; audited.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { CaseView } from '@ascolto/protocol'
import { eventually } from '../../../testing/eventually.ts'
import {
  connectFakeTelegram,
  type FakeTelegram,
  postTelegramWebhook,
  startFakeTelegram,
  telegramUpdate,
} from '../../../testing/fake-telegram.ts'
import {
  connectFakeTwilio,
  type FakeTwilio,
  postTwilioWebhook,
  startFakeTwilio,
  twilioSms,
} from '../../../testing/fake-twilio.ts'
import {
  connectLocalMailbox,
  type Dovecot,
  type LocalSmtp,
  startDovecot,
  startLocalSmtp,
} from '../../../testing/local-mail.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const MAILBOX = 'percorsi@helpline.example.org'
const MAILBOX_PASSWORD = randomBytes(12).toString('hex')
const FIRST = 'Ciao, ti scriviamo come concordato: come stai?'

describe('the line writes first by SMS, e-mail and Telegram', () => {
  let server: TestServer
  let twilio: FakeTwilio
  let telegram: FakeTelegram
  let dovecot: Dovecot
  let smtp: LocalSmtp
  let helplineId: string
  let volunteer: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer({ ASCOLTO_PUBLIC_URL: PUBLIC_URL })
    twilio = await startFakeTwilio()
    telegram = await startFakeTelegram()
    dovecot = await startDovecot({ [MAILBOX]: MAILBOX_PASSWORD })
    smtp = await startLocalSmtp()
    ;({ helplineId } = await makeHelpline(server.pool))
    volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Giulia')
  })
  after(async () => {
    await server?.close()
    await smtp?.close()
    await dovecot?.close()
    await telegram?.close()
    await twilio?.close()
  })

  const api = (path: string, body?: unknown) =>
    call(`${server.url}/api${path}`, { cookie: volunteer.cookie, body })

  /** The person's conversation on the door, taken; a case opened from it; the conversation closed. */
  async function caseOf(channelId: string, text: string) {
    let conversationId = ''
    await eventually(
      'the message is stored',
      async () => {
        const { rows } = await server.pool.query(
          `select id from conversation where channel_id = $1 and status = 'waiting'`,
          [channelId],
        )
        conversationId = rows[0]?.id ?? ''
        return conversationId !== ''
      },
      20_000,
    )
    assert.equal((await api(`/conversations/${conversationId}/take`, {})).status, 200)
    const opened = await api('/cases', { conversationId, title: `Percorso ${text}` })
    assert.equal(opened.status, 201)
    assert.equal((await api(`/conversations/${conversationId}/close`, {})).status, 200)
    const view = opened.body as CaseView
    const member = view.members[0]
    assert.ok(member)
    return { caseId: view.id, target: { contactId: member.contactId, channelId } }
  }

  async function writesFirst(
    { caseId, target }: Awaited<ReturnType<typeof caseOf>>,
    sentCount: () => number,
  ) {
    const before = sentCount()
    const refused = await api(`/cases/${caseId}/first-contact`, { ...target, text: FIRST })
    assert.equal(refused.status, 403, 'no consent: refused')
    assert.equal(refused.body.code, 'ASCOLTO_ERR_FORBIDDEN')
    const queued = await server.pool.query(
      'select count(*)::int as n from message where channel_id = $1 and direction = $2',
      [target.channelId, 'outbound'],
    )
    assert.equal(queued.rows[0].n, 0, 'nothing queued')
    assert.equal((await api(`/cases/${caseId}/consents`, target)).status, 200)
    const sent = await api(`/cases/${caseId}/first-contact`, { ...target, text: FIRST })
    assert.equal(sent.status, 201)
    await eventually('the first message reaches the provider', () => sentCount() > before, 20_000)
    const audit = await server.pool.query(
      `select details from audit_event where action = 'case.first_contact' and subject_id = $1`,
      [caseId],
    )
    assert.deepEqual(audit.rows[0]?.details, {
      conversationId: sent.body.conversationId,
      channelId: target.channelId,
      template: false,
    })
    assert.equal(JSON.stringify(audit.rows).includes('concordato'), false, 'the audit keeps no text')
    return sent.body.conversationId as string
  }

  it('by SMS through Twilio’s Messages API', async () => {
    const door = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, twilio, { helplineId })
    const person = '+393471234502'
    const written = await postTwilioWebhook(
      door.target,
      twilioSms(twilio.accountSid, person, 'Ciao, vorrei parlare'),
    )
    assert.equal(written.status, 200)
    const target = await caseOf(door.channelId, 'sms')
    await writesFirst(target, () => twilio.sent.length)
    const sms = twilio.sent.at(-1)
    assert.equal(sms?.to, person)
    assert.equal(sms?.body, FIRST)
  })

  it('on Telegram through the Bot API', async () => {
    const door = await connectFakeTelegram(server, telegram, { helplineId })
    const chatId = 424_243
    const written = await postTelegramWebhook(
      door.webhookUrl,
      door.secret,
      telegramUpdate(chatId, { text: 'Ciao' }),
    )
    assert.equal(written.status, 200)
    const target = await caseOf(door.channelId, 'telegram')
    await writesFirst(target, () => telegram.sent.length)
    const message = telegram.sent.at(-1)
    assert.equal(message?.chatId, String(chatId))
    assert.equal(message?.text, FIRST)
  })

  it('by e-mail over SMTP', async () => {
    const { channelId } = await connectLocalMailbox(
      server,
      { dovecot, smtp, address: MAILBOX, password: MAILBOX_PASSWORD },
      { helplineId, displayName: 'Linea dipendenze', replySubject: 'Dalla linea dipendenze' },
    )
    const person = 'marco@person.example'
    await dovecot.deliver(
      MAILBOX,
      [
        `From: Marco <${person}>`,
        `To: ${MAILBOX}`,
        'Subject: Una domanda',
        'Message-ID: <first.1@person.example>',
        'Date: Tue, 01 Dec 2026 20:15:00 +0100',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Buonasera, posso scrivervi?',
        '',
      ].join('\r\n'),
    )
    const target = await caseOf(channelId, 'e-mail')
    await writesFirst(target, () => smtp.received.length)
    const mail = smtp.received.at(-1)
    assert.deepEqual(mail?.to, [person])
    assert.equal(mail?.mail.text?.trim(), FIRST)
    assert.equal(mail?.mail.subject, 'Dalla linea dipendenze')
  })
})
