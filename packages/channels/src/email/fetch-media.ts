// A file attached to a person's mail, for the worker: the mail is found again in the mailbox by
// its Message-ID (it stays there, read), parsed, and the n-th attachment handed over. Nothing of
// the mail is kept but that file, which the worker checks and seals.
import { createHash } from 'node:crypto'
import { ImapFlow } from 'imapflow'
import { simpleParser } from 'mailparser'
import { ChannelSendError, type FetchedMedia, type InboundMedia } from '../kit/contract.ts'
import type { EmailConfig } from './config.ts'

export async function fetchMailAttachment(
  config: EmailConfig,
  password: string,
  media: InboundMedia,
  limits: { maxBytes: number },
): Promise<FetchedMedia> {
  const split = media.providerMediaId.lastIndexOf('#')
  const messageId = media.providerMediaId.slice(0, split)
  const index = Number(media.providerMediaId.slice(split + 1))
  if (split < 1 || !Number.isInteger(index)) {
    throw new ChannelSendError('ASCOLTO_ERR_MEDIA_ID', 'Not an attachment of a mail', false)
  }
  const imap = new ImapFlow({
    host: config.imap.host,
    port: config.imap.port,
    secure: config.imap.secure,
    auth: { user: config.imap.user, pass: password },
    logger: false,
  })
  let raw: Buffer | undefined
  try {
    await imap.connect()
    await imap.mailboxOpen(config.mailbox, { readOnly: true })
    const [uid] = (await imap.search({ header: { 'message-id': messageId } }, { uid: true })) || []
    const found = uid ? await imap.fetchOne(String(uid), { source: true, size: true }, { uid: true }) : false
    if (found && found.size !== undefined && found.size > limits.maxBytes * 2) {
      throw new ChannelSendError('ASCOLTO_ERR_MEDIA_TOO_LARGE', 'The mail is larger than allowed', false)
    }
    raw = found ? found.source : undefined
  } catch (error) {
    if (error instanceof ChannelSendError) throw error
    throw new ChannelSendError('ASCOLTO_ERR_IMAP', 'The mailbox could not be read', true)
  } finally {
    await imap.logout().catch(() => imap.close())
  }
  if (!raw)
    throw new ChannelSendError('ASCOLTO_ERR_MEDIA_GONE', 'The mail is no longer in the mailbox', false)
  const file = (await simpleParser(raw)).attachments[index]
  if (!file) throw new ChannelSendError('ASCOLTO_ERR_MEDIA_GONE', 'The mail has no such attachment', false)
  if (file.content.length > limits.maxBytes) {
    throw new ChannelSendError('ASCOLTO_ERR_MEDIA_TOO_LARGE', 'The file is larger than allowed', false)
  }
  return {
    bytes: file.content,
    mimeType: file.contentType || 'application/octet-stream',
    sha256: createHash('sha256').update(file.content).digest(),
  }
}
