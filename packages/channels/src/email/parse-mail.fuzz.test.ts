// The mail parser against whatever lands in a mailbox (fast-check): well-formed mails with
// header lines and body bytes changed, and any bytes at all. It answers messages to store or the
// reason a mail is not taken, never an error that would stop the mailbox's reader.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import { fuzzRuns } from '../kit/fuzz.ts'
import { parseMail } from './parse-mail.ts'

/** Mails as people send them: plain text, HTML with the quoted history, a reply with a file. */
const mails = await Promise.all(
  [
    {
      from: 'persona@example.org',
      to: 'aiuto@example.org',
      subject: 'Aiuto',
      text: 'Ho bisogno di parlare.',
    },
    {
      from: '"Una persona" <persona@example.org>',
      to: 'aiuto@example.org',
      subject: 'Re: la vostra risposta',
      html: '<p>Grazie <b>davvero</b>.</p><div class="gmail_quote">Il giorno lun, voi avete scritto:<blockquote>Ciao</blockquote></div>',
      inReplyTo: '<abc@ascolto.example.org>',
      references: ['<abc@ascolto.example.org>'],
    },
    {
      from: 'persona@example.org',
      to: 'aiuto@example.org',
      subject: 'Il modulo',
      text: 'Vi mando il modulo.\n\n> scritto prima',
      attachments: [
        { filename: 'modulo.pdf', content: Buffer.from('%PDF-1.7 …'), contentType: 'application/pdf' },
      ],
    },
  ].map(
    (mail) =>
      new Promise<string>((resolve, reject) =>
        new MailComposer(mail)
          .compile()
          .build((error, bytes) => (error ? reject(error) : resolve(bytes.toString('latin1')))),
      ),
  ),
)

async function takenOrSaid(raw: Buffer) {
  const result = await parseMail(raw)
  if (typeof result === 'string') return assert.ok(result.length > 0)
  for (const message of result) {
    assert.ok(message.providerMessageId.length > 0 && message.from.length > 0)
    assert.equal(typeof message.text, 'string')
  }
}

/** A mail with some of its lines replaced by random ones, or cut short. */
const mutatedMail = fc
  .tuple(
    fc.constantFrom(...mails),
    fc.array(fc.tuple(fc.nat(200), fc.oneof(fc.string(), fc.string({ unit: 'binary' }))), { maxLength: 4 }),
    fc.option(fc.nat(4000)),
  )
  .map(([mail, changes, cut]) => {
    const lines = mail.split('\r\n')
    for (const [at, line] of changes) lines[at % lines.length] = line
    const text = lines.join('\r\n')
    return Buffer.from(cut === null ? text : text.slice(0, cut), 'latin1')
  })

test('mails with changed lines: messages or a reason, never an error', async () => {
  assert.ok(mails.length > 0)
  await fc.assert(fc.asyncProperty(mutatedMail, takenOrSaid), fuzzRuns(500))
})

test('any bytes at all: messages or a reason, never an error', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), (bytes) => takenOrSaid(Buffer.from(bytes))),
    {
      ...fuzzRuns(500),
    },
  )
})
