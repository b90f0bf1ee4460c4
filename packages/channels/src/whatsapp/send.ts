// Sending through the Cloud API: POST {base}/{version}/{phone-number-id}/messages with the bearer
// token, for a text, the approved template that re-opens a conversation past the 24-hour window,
// and the read receipt of a person's message.
import { ChannelSendError, type SendResult } from '../kit/contract.ts'
import type { WhatsAppConfig, WhatsAppTemplate } from './config.ts'
import { graphJson } from './graph.ts'
import { isObject, listOf, stringOf } from './json.ts'

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
