// One WhatsApp message's content as Ascolto keeps it: its kind, a text the console can show, the
// media id to fetch it later, the message it answers. The text is built from the message's own
// data (a caption, coordinates, names) with a pictogram for the kind, never with words in one
// language; a message with nothing to show keeps an empty text and the console names its kind.
import type { InboundKind, InboundMedia, InboundMessage } from '../kit/contract.ts'
import { isObject, type Json, listOf, stringOf } from './json.ts'

type Content = Pick<InboundMessage, 'kind' | 'text' | 'media' | 'replyTo'>

const MAX_TEXT = 16_384
const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const
const PICTOGRAM: Partial<Record<InboundKind, string>> = {
  image: '📷',
  video: '🎬',
  document: '📄',
  location: '📍',
  contacts: '👤',
  interactive: '🔘',
}

const lines = (...parts: Array<string | undefined>) =>
  parts
    .filter((part): part is string => Boolean(part?.trim()))
    .join('\n')
    .slice(0, MAX_TEXT)

function mediaOf(value: unknown): InboundMedia | null {
  if (!isObject(value)) return null
  const id = stringOf(value.id, 256)
  if (!id) return null
  return {
    providerMediaId: id,
    mimeType: stringOf(value.mime_type, 255) ?? null,
    sha256: stringOf(value.sha256, 128) ?? null,
    ...(value.voice === true ? { voice: true } : {}),
    ...(value.animated === true ? { animated: true } : {}),
  }
}

function withPictogram(kind: InboundKind, text: string) {
  return text ? `${PICTOGRAM[kind] ?? ''} ${text}`.trim() : ''
}

function location(value: Json): string | undefined {
  const { latitude, longitude } = value
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return undefined
  const place = [stringOf(value.name), stringOf(value.address)].filter(Boolean).join(', ')
  return `${latitude},${longitude}${place ? ` ${place}` : ''}`
}

function contactCards(value: unknown): string {
  return lines(
    ...listOf(value)
      .filter(isObject)
      .map((card) => {
        const name = isObject(card.name) ? card.name : {}
        const fullName =
          stringOf(name.formatted_name) ??
          [stringOf(name.first_name), stringOf(name.last_name)].filter(Boolean).join(' ')
        const phones = listOf(card.phones)
          .filter(isObject)
          .map((phone) => stringOf(phone.phone, 64))
          .filter(Boolean)
        return withPictogram('contacts', [fullName, phones.join(', ')].filter(Boolean).join(' '))
      }),
  )
}

function interactiveTitle(value: unknown): string | undefined {
  if (!isObject(value)) return undefined
  const reply = value.button_reply ?? value.list_reply ?? value.nfm_reply
  if (!isObject(reply)) return undefined
  return stringOf(reply.title) ?? stringOf(reply.body)
}

/** The content of a message, or why it is not taken. */
export function inboundMessageOf(message: Json): Content | string {
  const replyTo = (isObject(message.context) && stringOf(message.context.id, 256)) || null
  const type = message.type
  const unsupported: Content = { kind: 'unsupported', text: '', media: null, replyTo }

  if (type === 'text') {
    const body = isObject(message.text) && typeof message.text.body === 'string' ? message.text.body : ''
    return { kind: 'text', text: body.slice(0, MAX_TEXT), media: null, replyTo }
  }
  const mediaKind = MEDIA_KINDS.find((kind) => kind === type)
  if (mediaKind) {
    const value = isObject(message[mediaKind]) ? (message[mediaKind] as Json) : {}
    const text =
      mediaKind === 'document'
        ? lines(stringOf(value.filename, 255), stringOf(value.caption))
        : lines(stringOf(value.caption))
    return { kind: mediaKind, text: withPictogram(mediaKind, text), media: mediaOf(value), replyTo }
  }
  switch (type) {
    case 'location': {
      const place = isObject(message.location) ? location(message.location) : undefined
      return place
        ? { kind: 'location', text: withPictogram('location', place), media: null, replyTo }
        : unsupported
    }
    case 'contacts':
      return { kind: 'contacts', text: contactCards(message.contacts), media: null, replyTo }
    case 'reaction': {
      const reaction = isObject(message.reaction) ? message.reaction : {}
      const emoji = stringOf(reaction.emoji, 64)
      // taking a reaction back leaves nothing to answer
      if (!emoji) return 'reaction removed'
      return {
        kind: 'reaction',
        text: emoji,
        media: null,
        replyTo: stringOf(reaction.message_id, 256) ?? replyTo,
      }
    }
    case 'button': {
      const text = isObject(message.button) ? stringOf(message.button.text) : undefined
      return { kind: 'interactive', text: withPictogram('interactive', text ?? ''), media: null, replyTo }
    }
    case 'interactive':
      return {
        kind: 'interactive',
        text: withPictogram('interactive', interactiveTitle(message.interactive) ?? ''),
        media: null,
        replyTo,
      }
    // a changed number or identity: the person is a new contact when they next write
    case 'system':
      return 'system notice'
    // the app's "first chat" trigger, not something the person wrote
    case 'request_welcome':
      return 'welcome request'
    default:
      // unsupported, unknown, and any type newer than this code: the person did write, so it is
      // kept (empty) and the volunteer sees that something arrived that Ascolto cannot show
      return unsupported
  }
}
