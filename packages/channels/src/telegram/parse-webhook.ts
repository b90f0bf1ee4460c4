// Telegram's Update, one per webhook call: a message in a private chat is taken (text, photo,
// voice, audio, video, document, sticker, location, contact), its media kept as file_id
// references and fetched later by the worker. Groups and channels (one-to-one only), edits,
// callback queries, a bot's own messages and membership changes are acknowledged and not taken,
// so Telegram never retries them. A body that is not an Update is a WebhookPayloadError (400).
import type { Message, Update } from 'grammy/types'
import { type InboundMessage, type WebhookEvents, WebhookPayloadError } from '../kit/contract.ts'

/** A message is known by its chat and its number in that chat: what a retried update repeats. */
export const telegramMessageId = (chatId: number | string, messageId: number) => `${chatId}/${messageId}`

export function parseTelegramWebhook(rawBody: Buffer): WebhookEvents {
  let update: Update
  try {
    update = JSON.parse(rawBody.toString('utf8'))
  } catch {
    throw new WebhookPayloadError('The body is not JSON')
  }
  if (typeof update !== 'object' || update === null || !Number.isInteger(update.update_id)) {
    throw new WebhookPayloadError('Not a Telegram update: update_id is missing')
  }
  const events: WebhookEvents = { messages: [], statuses: [], ignored: [] }
  const message = update.message
  if (!message) {
    const kind = Object.keys(update).find((key) => key !== 'update_id') ?? 'empty'
    events.ignored.push(`update ${kind.slice(0, 32)}`)
    return events
  }
  if (
    typeof message !== 'object' ||
    !message.chat ||
    !Number.isSafeInteger(message.chat.id) ||
    !Number.isInteger(message.message_id)
  ) {
    throw new WebhookPayloadError('message must have a chat and a message_id')
  }
  if (message.chat.type !== 'private') {
    events.ignored.push(`${String(message.chat.type).slice(0, 16)} chat`)
    return events
  }
  if (message.from?.is_bot) {
    events.ignored.push('a bot')
    return events
  }
  const content = contentOf(message)
  if (typeof content === 'string') {
    events.ignored.push(content)
    return events
  }
  events.messages.push({
    providerMessageId: telegramMessageId(message.chat.id, message.message_id),
    from: String(message.chat.id),
    receivedAt: timeOf(message.date),
    ...content,
    ...(message.reply_to_message
      ? { replyTo: telegramMessageId(message.chat.id, message.reply_to_message.message_id) }
      : {}),
  })
  return events
}

type Content = Pick<InboundMessage, 'kind' | 'text' | 'media'>

/** A file by its file_id; a file without one is not Telegram's format (found by the fuzz test). */
function file(id: unknown, mimeType: unknown, extra: { voice?: boolean; animated?: boolean } = {}) {
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) {
    throw new WebhookPayloadError('a file without its file_id')
  }
  return {
    providerMediaId: id,
    mimeType: typeof mimeType === 'string' ? mimeType : null,
    sha256: null,
    ...extra,
  }
}

/** The text a message shows, and its file: built from its own data, never from words in one language. */
function contentOf(message: Message): Content | string {
  const caption = typeof message.caption === 'string' ? message.caption : ''
  const withCaption = (mark: string) => (caption ? `${mark} ${caption}` : '')
  if (typeof message.text === 'string') return { kind: 'text', text: message.text }
  if (message.photo?.length) {
    // the largest size comes last
    const largest = message.photo[message.photo.length - 1]
    if (!largest) return 'photo without sizes'
    return { kind: 'image', text: withCaption('📷'), media: file(largest.file_id, 'image/jpeg') }
  }
  if (message.voice) {
    return {
      kind: 'audio',
      text: '',
      media: file(message.voice.file_id, message.voice.mime_type ?? 'audio/ogg', { voice: true }),
    }
  }
  if (message.audio) {
    return {
      kind: 'audio',
      text: withCaption('🎵'),
      media: file(message.audio.file_id, message.audio.mime_type ?? null),
    }
  }
  if (message.video) {
    return {
      kind: 'video',
      text: withCaption('🎬'),
      media: file(message.video.file_id, message.video.mime_type ?? null),
    }
  }
  if (message.video_note) {
    return { kind: 'video', text: '', media: file(message.video_note.file_id, 'video/mp4') }
  }
  if (message.document) {
    const name = message.document.file_name ? ` ${message.document.file_name}` : ''
    return {
      kind: 'document',
      text: `📄${name}${caption ? ` ${caption}` : ''}`,
      media: file(message.document.file_id, message.document.mime_type ?? null),
    }
  }
  if (message.sticker) {
    return {
      kind: 'sticker',
      text: message.sticker.emoji ?? '',
      media: file(message.sticker.file_id, message.sticker.is_video ? 'video/webm' : 'image/webp', {
        animated: message.sticker.is_animated || message.sticker.is_video,
      }),
    }
  }
  if (message.location) {
    return { kind: 'location', text: `📍 ${message.location.latitude},${message.location.longitude}` }
  }
  if (message.contact) {
    const name = [message.contact.first_name, message.contact.last_name].filter(Boolean).join(' ')
    return { kind: 'contacts', text: `👤 ${name} ${message.contact.phone_number}`.trim() }
  }
  // service messages (a pinned message, a new chat photo) and newer kinds
  return { kind: 'unsupported', text: '' }
}

/** Unix seconds as Telegram sends them, or now when absent or not a time (found by the fuzz test). */
function timeOf(seconds: unknown): Date {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 && seconds < 1e11
    ? new Date(seconds * 1000)
    : new Date()
}
