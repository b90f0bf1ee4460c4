// The parser against whatever a caller could sign (fast-check): it either returns whole events
// or refuses with a WebhookPayloadError (the route's 400), never another error; what it returns
// is what ingest can trust.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { WebhookPayloadError } from '../kit/contract.ts'
import { arbitraryPayload, PAYLOAD_NUMBER } from './fixtures/arbitrary-payload.ts'
import { parseWhatsAppWebhook } from './parse-webhook.ts'

const KINDS = [
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'reaction',
  'interactive',
  'unsupported',
]
const STATUSES = ['sent', 'delivered', 'read', 'failed']

/** How often each door was taken, so a test can tell it reached the deep paths. */
const seen = { refused: 0, messages: 0, statuses: 0 }

function parsesOrRefuses(body: Buffer) {
  let events: ReturnType<typeof parseWhatsAppWebhook>
  try {
    events = parseWhatsAppWebhook(body, PAYLOAD_NUMBER)
  } catch (error) {
    assert.ok(error instanceof WebhookPayloadError, `not a payload error: ${String(error)}`)
    assert.ok(error.message.length > 0)
    seen.refused++
    return
  }
  seen.messages += events.messages.length
  seen.statuses += events.statuses.length
  for (const message of events.messages) {
    assert.ok(typeof message.providerMessageId === 'string' && message.providerMessageId.length > 0)
    assert.ok(typeof message.from === 'string' && message.from.length > 0)
    assert.ok(KINDS.includes(message.kind), message.kind)
    assert.equal(typeof message.text, 'string')
    assert.ok(message.receivedAt instanceof Date && !Number.isNaN(message.receivedAt.getTime()))
    if (message.media) assert.ok(typeof message.media.providerMediaId === 'string')
  }
  for (const status of events.statuses) {
    assert.ok(STATUSES.includes(status.status))
    assert.ok(status.providerMessageId.length > 0)
  }
  for (const reason of events.ignored) assert.equal(typeof reason, 'string')
}

test('payloads shaped like Meta’s, with anything in their places: whole events or a 400', () => {
  fc.assert(
    fc.property(arbitraryPayload, (payload) =>
      parsesOrRefuses(Buffer.from(JSON.stringify(payload) ?? 'null')),
    ),
    { numRuns: 3000 },
  )
  assert.ok(seen.refused > 100 && seen.messages > 100 && seen.statuses > 20, JSON.stringify(seen))
})

test('any bytes at all: whole events or a 400', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => parsesOrRefuses(Buffer.from(bytes))),
    { numRuns: 2000 },
  )
})
