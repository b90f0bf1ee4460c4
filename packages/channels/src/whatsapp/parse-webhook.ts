// Meta's webhook payload, whole: every entry, every change, every message and status in it.
// Only `messages` changes for this connection's own number are taken; what is deliberately left
// (another number on the same app, groups, calls, template and account notices, system notices)
// is named in `ignored` and still acknowledged, so Meta never retries it. A body that is not
// Meta's envelope at all is a WebhookPayloadError (400), decided before anything is stored.
import {
  type DeliveryStatusUpdate,
  type InboundMessage,
  type WebhookEvents,
  WebhookPayloadError,
} from '../kit/contract.ts'
import { inboundMessageOf } from './inbound-message.ts'
import { isObject, type Json, label, listOf, stringOf, timeOf } from './json.ts'

export function parseWhatsAppWebhook(rawBody: Buffer, phoneNumberId: string): WebhookEvents {
  let payload: unknown
  try {
    payload = JSON.parse(rawBody.toString('utf8'))
  } catch {
    throw new WebhookPayloadError('The body is not JSON')
  }
  if (!isObject(payload)) throw new WebhookPayloadError('The body is not a JSON object')
  const events: WebhookEvents = { messages: [], statuses: [], ignored: [] }
  if (payload.object !== 'whatsapp_business_account') {
    events.ignored.push(`object ${label(payload.object)}`)
    return events
  }
  if (!Array.isArray(payload.entry)) throw new WebhookPayloadError('entry must be an array')
  for (const [e, entry] of payload.entry.entries()) {
    if (!isObject(entry) || !Array.isArray(entry.changes)) {
      throw new WebhookPayloadError(`entry[${e}] must be an object with a changes array`)
    }
    for (const [c, change] of entry.changes.entries()) {
      if (!isObject(change) || !isObject(change.value)) {
        throw new WebhookPayloadError(`entry[${e}].changes[${c}] must be an object with a value object`)
      }
      if (change.field !== 'messages') {
        events.ignored.push(`field ${label(change.field)}`)
        continue
      }
      readChange(change.value, phoneNumberId, events)
    }
  }
  return events
}

function readChange(value: Json, phoneNumberId: string, events: WebhookEvents) {
  const metadata = isObject(value.metadata) ? value.metadata : {}
  // one Meta app may serve several numbers and call one URL for all of them: take only ours
  if (metadata.phone_number_id !== phoneNumberId) {
    events.ignored.push('another phone number')
    return
  }
  const contacts = listOf(value.contacts).filter(isObject)
  for (const message of listOf(value.messages)) {
    const inbound = isObject(message) ? inboundOf(message, contacts) : 'malformed message'
    if (typeof inbound === 'string') events.ignored.push(inbound)
    else events.messages.push(inbound)
  }
  for (const status of listOf(value.statuses)) {
    const update = isObject(status) ? statusOf(status) : 'malformed status'
    if (typeof update === 'string') events.ignored.push(update)
    else events.statuses.push(update)
  }
  for (const error of listOf(value.errors)) {
    events.ignored.push(`error notice ${isObject(error) ? label(error.code) : '?'}`)
  }
}

/**
 * The person's address. The business-scoped user id (BSUID, `from_user_id` / `user_id`) comes
 * first: it is always sent, it stays when a person hides their number behind a username, and it
 * tells Ascolto nothing about them. The phone number (`from` / `wa_id`) is the fallback for
 * payloads without one.
 */
function senderOf(message: Json, contacts: Json[]): string | undefined {
  const from = phoneOf(stringOf(message.from, 64))
  const contact =
    contacts.find((c) => from !== undefined && phoneOf(stringOf(c.wa_id, 64)) === from) ??
    (contacts.length === 1 ? contacts[0] : undefined)
  return (
    stringOf(message.from_user_id, 256) ??
    stringOf(contact?.user_id, 256) ??
    from ??
    phoneOf(stringOf(contact?.wa_id, 64))
  )
}

// Arabic-Indic (U+0660…) and Eastern Arabic-Indic (U+06F0…) digits; NFKC takes care of full-width ones
const ARABIC_INDIC = /[\u0660-\u0669\u06f0-\u06f9]/g

/**
 * One number, one person: a wa_id written with a leading "+", full-width or Arabic-Indic digits
 * is the same number in ASCII digits, so it finds the same contact. Anything else is left as it is.
 */
export function phoneOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const digits = value
    .normalize('NFKC')
    .replace(ARABIC_INDIC, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf))
    .replace(/^\+/, '')
  return /^\d+$/.test(digits) ? digits : value
}

function inboundOf(message: Json, contacts: Json[]): InboundMessage | string {
  const id = stringOf(message.id, 256)
  if (!id) return 'message without an id'
  // one-to-one only: the helplines answer people, not groups
  if (message.group_id !== undefined) return 'group message'
  const from = senderOf(message, contacts)
  if (!from) return 'message without a sender'
  const content = inboundMessageOf(message)
  if (typeof content === 'string') return content
  return { providerMessageId: id, from, receivedAt: timeOf(message.timestamp), ...content }
}

const STATUSES = new Set(['sent', 'delivered', 'read', 'failed'])

function statusOf(status: Json): DeliveryStatusUpdate | string {
  const id = stringOf(status.id, 256)
  if (!id) return 'status without an id'
  if (typeof status.status !== 'string' || !STATUSES.has(status.status)) {
    return `status ${label(status.status)}`
  }
  const error = listOf(status.errors).find(isObject)
  const code = error?.code
  return {
    providerMessageId: id,
    status: status.status as DeliveryStatusUpdate['status'],
    at: timeOf(status.timestamp),
    errorCode:
      status.status === 'failed'
        ? typeof code === 'number' || typeof code === 'string'
          ? String(code).slice(0, 32)
          : 'unknown'
        : null,
  }
}
