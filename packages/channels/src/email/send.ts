// Replies by SMTP with nodemailer: from the helpline's address, to the person, threaded under the
// mail it answers (In-Reply-To and References carry its Message-ID, the subject its "Re:"), with
// a Message-ID of Ascolto's own, which is the provider id. What the server answers decides what
// the outbox does next: a 4xx (greylisting, a full queue), no connection or a time-out is tried
// again later; a 5xx (no such mailbox, refused) fails at once with the SMTP code.
import { createTransport } from 'nodemailer'
import { ChannelSendError, type OutboundMessage, type SendResult } from '../kit/contract.ts'
import type { EmailConfig } from './config.ts'

export const SEND_TIMEOUT_MS = 10_000

/** An SMTP failure for the outbox: nodemailer names the server's code, or the connection's trouble. */
export function sendErrorOf(error: unknown): ChannelSendError {
  const failure = error as { responseCode?: number; code?: string; message?: string }
  const status = failure.responseCode
  if (typeof status === 'number') {
    return new ChannelSendError(`SMTP_${status}`, `The SMTP server answered ${status}`, status < 500)
  }
  // EAUTH: a changed password; an administrator fixes it and the waiting replies go out
  return new ChannelSendError(
    `SMTP_${failure.code ?? 'ERROR'}`,
    'The SMTP server could not take the mail',
    true,
  )
}

export async function sendEmail(
  config: EmailConfig,
  password: string,
  to: string,
  message: OutboundMessage,
  subject: string | null,
): Promise<SendResult> {
  const transport = createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    auth: { user: config.smtp.user, pass: password },
    connectionTimeout: config.timeoutMs ?? SEND_TIMEOUT_MS,
    greetingTimeout: config.timeoutMs ?? SEND_TIMEOUT_MS,
    socketTimeout: config.timeoutMs ?? SEND_TIMEOUT_MS,
    // a local relay on port 25/587 without TLS is allowed; with STARTTLS offered, it is used
    ignoreTLS: false,
  })
  const domain = config.address.split('@')[1] ?? 'ascolto.invalid'
  const messageId = `<${message.id}@${domain}>`
  // an attachment's id is its mail's Message-ID and its place (`<…>#1`): the reply answers the mail
  const inReplyTo = message.inReplyTo?.replace(/#\d+$/, '') ?? null
  try {
    await transport.sendMail({
      from: config.displayName ? { name: config.displayName, address: config.address } : config.address,
      to,
      subject: subject ? (/^re:/i.test(subject) ? subject : `Re: ${subject}`) : config.replySubject,
      text: message.text,
      messageId,
      ...(inReplyTo ? { inReplyTo, references: [inReplyTo] } : {}),
      headers: { 'Auto-Submitted': 'no' },
    })
  } catch (error) {
    throw sendErrorOf(error)
  } finally {
    transport.close()
  }
  return { providerMessageId: messageId }
}
