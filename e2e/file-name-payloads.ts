// Files a person sends whose names are payloads, in each door's own wire format: WhatsApp
// documents as Meta posts them, and an e-mail's attachments as a mail client writes them.
import { createHash, randomUUID } from 'node:crypto'
import { type FakeWhatsApp, newWamid } from '../apps/server/src/testing/fake-whatsapp.ts'

/** Markup in a name, an attribute break-out, and an override that would turn "fdp.exe" around. */
export const FILE_NAMES = [
  '<img src=x onerror=pwned("file")>.pdf',
  '"><svg onload=alert("file")>.pdf',
  'fattura\u202Efdp.exe',
]

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n')

/** One document message a name, each file kept by the fake as Meta keeps it. */
export function whatsappDocuments(fake: FakeWhatsApp, from: string, names = FILE_NAMES) {
  return names.map((filename) => ({
    from,
    id: newWamid(from),
    timestamp: String(Math.floor(Date.now() / 1000)),
    type: 'document',
    document: {
      filename,
      mime_type: 'application/pdf',
      sha256: createHash('sha256').update(PDF).digest('hex'),
      id: fake.addMedia(PDF, 'application/pdf'),
    },
  }))
}

// a name with quotes, brackets or other than ASCII is written as RFC 2231 asks: percent-encoded
const rfc2231 = (name: string) =>
  `UTF-8''${encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`

/** A mail with a line of text and one PDF attached under each name. */
export function mailWithAttachments(from: string, to: string, names = FILE_NAMES) {
  const boundary = `=_${randomUUID()}`
  return [
    `From: Mario <${from}>`,
    `To: ${to}`,
    'Subject: I documenti',
    `Message-ID: <${randomUUID()}@example.org>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Vi mando i documenti.',
    ...names.flatMap((name) => [
      `--${boundary}`,
      `Content-Type: application/pdf; name*=${rfc2231(name)}`,
      `Content-Disposition: attachment; filename*=${rfc2231(name)}`,
      'Content-Transfer-Encoding: base64',
      '',
      PDF.toString('base64'),
    ]),
    `--${boundary}--`,
    '',
  ].join('\r\n')
}
