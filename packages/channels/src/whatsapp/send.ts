// Sending through the Cloud API: POST {base}/{version}/{phone-number-id}/messages with the bearer
// token, for a text, a file the volunteer attached (uploaded first: media.ts), the approved
// template that re-opens a conversation past the 24-hour window, and the read receipt of a
// person's message.
import { ChannelSendError, type SendResult } from '../kit/contract.ts'
import type { WhatsAppConfig, WhatsAppTemplate } from './config.ts'
import { graphJson } from './graph.ts'
import { isObject, listOf, stringOf } from './json.ts'
import { uploadWhatsAppMedia } from './media.ts'

const BSUID = /^[A-Z]{2}\.[A-Za-z0-9.]{1,140}$/

/** A business-scoped user id (e.g. IT.1234567890) rather than a phone number. */
export const isBusinessScopedUserId = (address: string) => BSUID.test(address)

const messagesPath = (config: WhatsAppConfig) => `${encodeURIComponent(config.phoneNumberId)}/messages`

/** To a phone number with `to`, to a person known only by BSUID with `recipient`. */
const recipientOf = (address: string) =>
  isBusinessScopedUserId(address) ? { recipient: address } : { to: address }

export function textMessageBody(address: string, text: string) {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipientOf(address),
    type: 'text',
    text: { preview_url: false, body: text },
  }
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.ms-powerpoint': '.ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'image/webp': '.webp',
}

/** Meta's message type for a file: pictures and videos it shows, sounds it plays, the rest as documents. */
export function mediaTypeOf(mimeType: string): 'image' | 'audio' | 'video' | 'document' {
  if (mimeType === 'image/jpeg' || mimeType === 'image/png') return 'image'
  if (mimeType.startsWith('audio/')) return 'audio'
  if (mimeType === 'video/mp4' || mimeType === 'video/3gpp') return 'video'
  return 'document'
}

/** A file uploaded to Meta (its id), with the volunteer's words as its caption (audio takes none). */
export function mediaMessageBody(address: string, mediaId: string, mimeType: string, caption: string) {
  const type = mediaTypeOf(mimeType)
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipientOf(address),
    type,
    [type]: {
      id: mediaId,
      ...(caption && type !== 'audio' ? { caption } : {}),
      // a neutral name: what a person's phone shows and keeps
      ...(type === 'document' ? { filename: `documento${EXTENSIONS[mimeType] ?? ''}` } : {}),
    },
  }
}

/** The approved template, without parameters: it says the same to everyone and names no one. */
export function templateMessageBody(address: string, template: WhatsAppTemplate) {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipientOf(address),
    type: 'template',
    template: { name: template.name, language: { code: template.language } },
  }
}

async function postMessage(config: WhatsAppConfig, accessToken: string, body: unknown): Promise<SendResult> {
  const answer = await graphJson(config, accessToken, messagesPath(config), { method: 'POST', json: body })
  const first = isObject(answer) ? listOf(answer.messages).find(isObject) : undefined
  const id = stringOf(first?.id, 256)
  if (!id) throw new ChannelSendError('ASCOLTO_ERR_BAD_RESPONSE', 'The Cloud API gave no message id', false)
  return { providerMessageId: id }
}

export const sendWhatsAppText = (config: WhatsAppConfig, accessToken: string, to: string, text: string) =>
  postMessage(config, accessToken, textMessageBody(to, text))

export async function sendWhatsAppMedia(
  config: WhatsAppConfig,
  accessToken: string,
  to: string,
  media: { bytes: Buffer; mimeType: string },
  caption: string,
) {
  const mediaId = await uploadWhatsAppMedia(config, accessToken, media)
  const sent = await postMessage(config, accessToken, mediaMessageBody(to, mediaId, media.mimeType, caption))
  return { ...sent, providerMediaId: mediaId }
}

export const sendWhatsAppTemplate = (
  config: WhatsAppConfig,
  accessToken: string,
  to: string,
  template: WhatsAppTemplate,
) => postMessage(config, accessToken, templateMessageBody(to, template))

/** The person's message shows as read (blue ticks) in their app. */
export async function markWhatsAppRead(
  config: WhatsAppConfig,
  accessToken: string,
  providerMessageId: string,
) {
  await graphJson(config, accessToken, messagesPath(config), {
    method: 'POST',
    json: { messaging_product: 'whatsapp', status: 'read', message_id: providerMessageId },
  })
}
