// "Retention deletes for real": one person comes in through every door (the widget, WhatsApp's
// signed webhook, an SMS and a call with a voicemail on Twilio, Telegram, e-mail over IMAP, a
// contact logged by hand, the report form) with one phone number, one e-mail address and one
// Telegram id, answered on every door that answers. A day before the helpline's months have passed
// since they last wrote, the retention job keeps everything; a day after, a dump of every schema
// PostgreSQL lists (not a list of ours: a keystore, a job queue or a realtime adapter added later is
// in it) holds none of them in any form that survives sealing (the digits, the number as typed,
// the number as a wamid wraps it, the address lowercased, the Telegram id, the texts), and the
// anonymous facts the statistics read are all there.
import assert from 'node:assert/strict'
import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, importHelplineSettings, loadHelplineSettings } from '@ascolto/core'
import { createScheduledJobs } from '../apps/server/src/jobs/scheduled-jobs.ts'
import { dumpDatabase, pgDump } from '../apps/server/src/testing/database-dump.ts'
import { eventually } from '../apps/server/src/testing/eventually.ts'
import {
  connectFakeTelegram,
  postTelegramWebhook,
  startFakeTelegram,
  telegramUpdate,
} from '../apps/server/src/testing/fake-telegram.ts'
import {
  connectFakeTwilio,
  postTwilioWebhook,
  startFakeTwilio,
  twilioSid,
  twilioSms,
  twilioTranscription,
} from '../apps/server/src/testing/fake-twilio.ts'
import { playCall } from '../apps/server/src/testing/fake-twilio-call.ts'
import {
  connectFakeWhatsApp,
  newWamid,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappStatus,
  whatsappText,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import { startDovecot, startLocalSmtp } from '../apps/server/src/testing/local-mail.ts'
import { noteMadeUp } from '../apps/server/src/testing/log-scan.ts'
import { giveReportForm, sendReport } from '../apps/server/src/testing/report-fixtures.ts'
import { connectLocalMailbox } from '../apps/server/src/testing/rota-fixtures.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const MAILBOX = 'ascolto@helpline.example.org'
const DAY_MS = 24 * 60 * 60 * 1000

describe('retention, seen in a dump', () => {
  // the services' clock: the real time while the person writes, then moved past the months
  let at: Date | null = null
  const parts = {} as {
    server: Awaited<ReturnType<typeof startTestServer>>
    whatsapp: Awaited<ReturnType<typeof startFakeWhatsApp>>
    twilio: Awaited<ReturnType<typeof startFakeTwilio>>
    telegram: Awaited<ReturnType<typeof startFakeTelegram>>
    dovecot: Awaited<ReturnType<typeof startDovecot>>
    smtp: Awaited<ReturnType<typeof startLocalSmtp>>
  }
  const mailboxPassword = randomBytes(12).toString('hex')
  before(async () => {
    parts.server = await startTestServer(
      { ASCOLTO_PUBLIC_URL: PUBLIC_URL },
      { clock: () => at ?? new Date() },
    )
    parts.whatsapp = await startFakeWhatsApp()
    parts.twilio = await startFakeTwilio()
    parts.telegram = await startFakeTelegram()
    parts.dovecot = await startDovecot({ [MAILBOX]: mailboxPassword })
    parts.smtp = await startLocalSmtp()
  })
  after(async () => {
    await parts.server?.close()
    for (const fake of [parts.whatsapp, parts.twilio, parts.telegram, parts.dovecot, parts.smtp])
      await fake?.close()
  })

  it('deletes every form of a person who came through every door, one day after their months', async () => {
    const { server, whatsapp, twilio, telegram, dovecot, smtp } = parts
    // the canaries: one person's number, e-mail address and Telegram id, and what they wrote
    const phone = `39347${randomInt(1_000_000, 9_999_999)}`
    const typed = `${phone.slice(2, 5)} ${phone.slice(5, 8)} ${phone.slice(8)}`
    const email = `Canary.${randomBytes(4).toString('hex')}@Example.org`
    const chatId = 7_000_000_000 + randomInt(100_000_000, 999_999_999)
    const token = visitorToken()
    const mark = () => `canary-${randomUUID()}`
    const texts = {
      widget: `${mark()} chiamatemi al ${typed} o scrivete a ${email}`,
      whatsapp: `${mark()} mio marito controlla il telefono`,
      sms: `${mark()} il mio numero è +${phone}`,
      voicemail: `${mark()} richiamatemi al ${typed}`,
      telegram: `${mark()} non so a chi dirlo`,
      email: `${mark()} vi scrivo da ${email}`,
      logged: `${mark()} ha chiamato dal ${typed}, e-mail ${email}`,
      report: `${mark()} ${typed} ${email}`,
      reply: `${mark()} siamo qui`,
    }
    for (const value of [phone, typed, email, email.toLowerCase(), String(chatId), ...Object.values(texts)]) {
      noteMadeUp(value)
    }

    // two helplines with the same months: the written doors, and the anti-trafficking line's report form
    const doors = await makeHelpline(server.pool)
    const reports = await makeHelpline(server.pool)
    await giveReportForm(server.pool, reports.helplineId)
    const { months } = (await loadHelplineSettings(server.pool, reports.helplineId)).retention
    const settings = defaultSettings('Linea', 'Europe/Rome', 'it')
    await importHelplineSettings(server.pool, doors.helplineId, { ...settings, retention: { months } })
    const helplineIds = [doors.helplineId, reports.helplineId]
    const volunteer = await makeOperator(server, [
      { helplineId: doors.helplineId, role: 'volunteer' },
      { helplineId: reports.helplineId, role: 'volunteer' },
    ])

    // the widget
    const widget = await call(`${server.url}/api/widget/v1/channels/${doors.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text: texts.widget },
    })
    assert.equal(widget.status, 201)

    // WhatsApp, with real-shaped wamids (base64 around the number) and an early status report
    const wa = await connectFakeWhatsApp(server, whatsapp, { helplineId: doors.helplineId })
    const wamids = [newWamid(phone), newWamid(phone)]
    const signed = await postWhatsAppWebhook(
      wa.webhookUrl,
      wa.appSecret,
      whatsappPayload({
        messages: [whatsappText({ phone }, texts.whatsapp, wamids[0])],
        statuses: [whatsappStatus(wamids[1] ?? '', 'delivered')],
      }),
    )
    assert.equal(signed.status, 200)

    // Twilio: an SMS, and a call that ends in a voicemail with its recording and transcription
    const tw = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, twilio, {
      helplineId: doors.helplineId,
    })
    assert.equal(
      (await postTwilioWebhook(tw.target, twilioSms(twilio.accountSid, `+${phone}`, texts.sms))).status,
      200,
    )
    const recordingSid = twilioSid('RE')
    twilio.addRecording(recordingSid, Buffer.concat([Buffer.from('ID3'), randomBytes(2048)]))
    const played = await playCall(tw.target, twilio.accountSid, {
      from: `+${phone}`,
      voicemail: recordingSid,
    })
    const transcribed = await postTwilioWebhook(
      tw.target,
      twilioTranscription(twilio.accountSid, `+${phone}`, played.callSid, recordingSid, texts.voicemail),
    )
    assert.equal(transcribed.status, 200)

    // Telegram
    const tg = await connectFakeTelegram(server, telegram, { helplineId: doors.helplineId })
    const update = telegramUpdate(chatId, { text: texts.telegram })
    assert.equal((await postTelegramWebhook(tg.webhookUrl, tg.secret, update)).status, 200)

    // e-mail, read from the mailbox over IMAP
    const mailId = `<${randomUUID()}@example.org>`
    await connectLocalMailbox(server, doors.helplineId, smtp, {
      host: dovecot.host,
      port: dovecot.port,
      password: mailboxPassword,
    })
    await dovecot.deliver(
      MAILBOX,
      [
        `From: Giulia <${email}>`,
        `To: ${MAILBOX}`,
        'Subject: Ho bisogno di parlare',
        `Message-ID: ${mailId}`,
        `Date: ${new Date().toUTCString()}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        texts.email,
        '',
      ].join('\r\n'),
    )

    // a contact logged by hand, and a report
    const logged = await call(`${server.url}/api/helplines/${doors.helplineId}/logged-contacts`, {
      cookie: volunteer.cookie,
      body: {
        door: 'office_phone',
        caller: 'relative',
        happenedAt: new Date(Date.now() - 60_000).toISOString(),
        durationMinutes: 5,
        notes: texts.logged,
      },
    })
    assert.equal(logged.status, 201, JSON.stringify(logged.body))
    const report = await sendReport(server.url, reports.channelId, {
      what: 'Lavorano nei campi senza paga',
      where: 'Vicino a Latina',
      since: '2026-10-01',
      who: 'several',
      'danger-now': 'no',
      'how-known': 'seen',
      contact: texts.report,
    })
    assert.equal(report.status, 201, JSON.stringify(report.body))

    // every door's conversation is there (the e-mail once the worker has read the mailbox) and answered
    const conversations = async () =>
      (
        await server.pool.query<{ id: string; kind: string }>(
          `select c.id, ch.kind from conversation c join channel ch on ch.id = c.channel_id
            where c.helpline_id = any($1::uuid[])`,
          [helplineIds],
        )
      ).rows
    const kinds = ['webchat', 'whatsapp', 'twilio', 'telegram', 'email', 'logged', 'report']
    await eventually(
      'a conversation on every door',
      async () => {
        const rows = await conversations()
        return kinds.every((kind) => rows.some((r) => r.kind === kind))
      },
      30_000,
    )
    for (const { id, kind } of await conversations()) {
      if (kind === 'logged' || kind === 'report') continue
      await call(`${server.url}/api/conversations/${id}/take`, { cookie: volunteer.cookie, body: {} })
      const reply = await call(`${server.url}/api/conversations/${id}/messages`, {
        cookie: volunteer.cookie,
        body: { text: texts.reply },
      })
      assert.equal(reply.status, 201, `${kind}: ${JSON.stringify(reply.body)}`)
    }
    // nothing waits in the outbox (replies sent, the recording fetched and sealed)
    const outboxEmpty = async () =>
      (await server.pool.query('select 1 from outbox limit 1')).rows.length === 0
    await eventually('the worker done with every door', outboxEmpty, 30_000)
    assert.ok(whatsapp.sent.length > 0 && twilio.sent.length > 0 && telegram.sent.length > 0)
    assert.ok(smtp.received.length > 0, 'the e-mail reply sent')

    const count = async (sql: string) =>
      Number((await server.pool.query<{ n: string }>(sql, [helplineIds])).rows[0]?.n)
    const contacts = () => count('select count(*) as n from contact where helpline_id = any($1::uuid[])')
    const messages = () => count('select count(*) as n from message where helpline_id = any($1::uuid[])')
    const opened = (await conversations()).length
    const before = { contacts: await contacts(), messages: await messages() }
    assert.ok(before.contacts >= kinds.length - 1, `contacts: ${before.contacts}`)

    const lastActivity = (
      await server.pool.query<{ last: Date }>(
        `select max(greatest(created_at, last_inbound_at)) as last from contact where helpline_id = any($1::uuid[])`,
        [helplineIds],
      )
    ).rows[0]?.last as Date
    const monthsAfter = (days: number) => {
      const moved = new Date(lastActivity)
      moved.setUTCMonth(moved.getUTCMonth() + months)
      return new Date(moved.getTime() + days * DAY_MS)
    }
    // the job as the worker runs it, on the services' clock
    const jobs = createScheduledJobs(server.pool, server.services.keyring, server.log, {
      clock: server.services.clock,
    })

    at = monthsAfter(-1)
    assert.notEqual(await jobs.runRetention(), 'skipped')
    assert.deepEqual(
      { contacts: await contacts(), messages: await messages() },
      before,
      'a day early: all kept',
    )

    at = monthsAfter(1)
    assert.notEqual(await jobs.runRetention(), 'skipped')
    assert.equal(await contacts(), 0)
    assert.equal(await messages(), 0)
    // the providers' copies are erased through the outbox: it empties by itself
    await eventually('the providers told to delete their copies', outboxEmpty, 30_000)
    // the anonymous facts of every conversation survive
    assert.equal(
      await count('select count(*) as n from conversation_fact where helpline_id = any($1::uuid[])'),
      opened,
    )

    const dump = await dumpDatabase(server.pool)
    for (const schema of ['public', 'keystore']) assert.ok(dump.schemas.includes(schema), `${schema} dumped`)
    const pgDumped = await pgDump(server.pool, server.databaseUrl)
    const canaries: Array<[string, string]> = [
      ['the number', phone],
      ['the number with its +', `+${phone}`],
      ['the number as typed', typed],
      ['the number in base64, as a wamid wraps it', Buffer.from(phone).toString('base64')],
      ...wamids.map((wamid, i): [string, string] => [`wamid ${i}`, wamid]),
      ['the e-mail address', email],
      ['the e-mail address lowercased', email.toLowerCase()],
      ['the mail’s Message-ID', mailId],
      ['the Telegram id', String(chatId)],
      ['the visitor token', token],
      ...Object.entries(texts).map(([door, text]): [string, string] => [`the ${door} text`, text]),
    ]
    for (const [name, value] of canaries) {
      assert.equal(dump.text.includes(value), false, `${name} in the dump (${dump.schemas.join(', ')})`)
      if (pgDumped !== null) assert.equal(pgDumped.includes(value), false, `${name} in pg_dump's output`)
    }

    // the control: the number left in a schema of its own, as bytes, is found by both dumps
    await server.pool.query('create schema later_queue')
    try {
      await server.pool.query('create table later_queue.job (payload bytea)')
      await server.pool.query('insert into later_queue.job values ($1)', [Buffer.from(`{"to":"${phone}"}`)])
      assert.equal(
        (await dumpDatabase(server.pool)).text.includes(phone),
        true,
        'the dump reads a new schema',
      )
      const again = await pgDump(server.pool, server.databaseUrl)
      if (again !== null) assert.equal(again.includes(phone), true, 'pg_dump reads a new schema')
    } finally {
      await server.pool.query('drop schema later_queue cascade')
    }
  })
})
