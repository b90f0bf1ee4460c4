// One e-mail, as the mailbox holds it (RFC 5322 bytes), to the message ingest stores: its
// Message-ID (what makes reading the same mail twice a no-op), the sender's address, the text
// without the quoted history, HTML mail as plain text (html-to-text: no markup, no links that
// could be clicked by mistake, images as their alt text), and the message it answers
// (In-Reply-To); its attachments as files to fetch. Automatic replies and bounces are not taken:
// answering them starts mail loops.
import { createHash } from 'node:crypto'
import { convert } from 'html-to-text'
import { simpleParser } from 'mailparser'
import type { InboundKind, InboundMessage } from '../kit/contract.ts'
import { stripQuoted } from './strip-quoted.ts'

/** Ascolto keeps this much of a mail's text: a person's message, not a whole archive. */
export const MAX_TEXT = 20_000

export function htmlAsText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'blockquote', format: 'skip' },
      // Gmail's and Outlook's quoted history
      { selector: 'div.gmail_quote', format: 'skip' },
      { selector: 'div#appendonsend', format: 'skip' },
      { selector: 'div#divRplyFwdMsg', format: 'skip' },
    ],
  })
}

/** The provider id of a mail's n-th attachment: the mail's Message-ID and the attachment's place in it. */
export const attachmentId = (messageId: string, index: number) => `${messageId}#${index}`

function kindOf(mimeType: string): InboundKind {
  const type = mimeType.split('/')[0]
  return type === 'image' || type === 'audio' || type === 'video' ? type : 'document'
}

/**
 * The mail's text as one message, and each file attached to it as one more (`<Message-ID>#n`),
 * its bytes left in the mailbox for the worker to fetch and seal (fetch-media.ts). Pictures that
 * are part of the HTML's layout (inline, by Content-ID) are not files a person sent.
 */
export async function parseMail(raw: Buffer, receivedAt = new Date()): Promise<InboundMessage[] | string> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true })
  const from = mail.from?.value[0]?.address?.trim().toLowerCase()
  if (!from) return 'mail without a sender'
  const autoSubmitted = String(mail.headers.get('auto-submitted') ?? 'no').toLowerCase()
  const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase()
  if (autoSubmitted !== 'no' || ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return 'automatic mail'
  if (/^(mailer-daemon|postmaster)@/.test(from)) return 'bounce'
  // the HTML part when there is one: mailparser's own text of an HTML-only mail keeps image URLs,
  // and the HTML says where the quoted history starts (Gmail's, Outlook's markers)
  const body = mail.html ? htmlAsText(mail.html) : (mail.text ?? '')
  const text = stripQuoted(body).slice(0, MAX_TEXT)
  const subject = mail.subject?.trim()
  // without a Message-ID (rare, and against RFC 5322) the mail's own bytes identify it
  const id = mail.messageId ?? `<sha256.${createHash('sha256').update(raw).digest('hex')}@ascolto>`
  const messageId = id.slice(0, 900)
  const at = mail.date ?? receivedAt
  const messages: InboundMessage[] = [
    {
      providerMessageId: messageId,
      from,
      receivedAt: at,
      kind: 'text',
      // the subject leads, as people read a mail: it often says what the message is about
      text: subject && !/^(re|r|fw|fwd|i)\s*:/i.test(subject) ? `${subject}\n\n${text}`.trim() : text,
      ...(mail.inReplyTo ? { replyTo: mail.inReplyTo } : {}),
    },
  ]
  mail.attachments.forEach((file, index) => {
    if (
      file.related ||
      (file.contentDisposition === 'inline' &&
        file.cid &&
        typeof mail.html === 'string' &&
        mail.html.includes(`cid:${file.cid}`))
    ) {
      return
    }
    const mimeType = file.contentType || 'application/octet-stream'
    messages.push({
      providerMessageId: attachmentId(messageId, index),
      from,
      receivedAt: at,
      kind: kindOf(mimeType),
      text: file.filename ? `📄 ${file.filename.slice(0, 200)}` : '',
      media: { providerMediaId: attachmentId(messageId, index), mimeType, sha256: null },
    })
  })
  return messages
}
