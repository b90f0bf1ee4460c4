// The parser against whatever a caller could sign (fast-check): it either returns whole events
// or refuses with a WebhookPayloadError (the route's 400), never another error; what it returns
// is what ingest can trust.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { fuzzRuns, parsesOrRefuses, type Seen } from '../kit/fuzz.ts'
import { arbitraryPayload, PAYLOAD_NUMBER } from './fixtures/arbitrary-payload.ts'
import { parseWhatsAppWebhook } from './parse-webhook.ts'

test('payloads shaped like Meta’s, with anything in their places: whole events or a 400', () => {
  const seen: Seen = { refused: 0, messages: 0, statuses: 0 }
  fc.assert(
    fc.property(arbitraryPayload, (payload) =>
      parsesOrRefuses(
        () => parseWhatsAppWebhook(Buffer.from(JSON.stringify(payload) ?? 'null'), PAYLOAD_NUMBER),
        seen,
      ),
    ),
    fuzzRuns(3000),
  )
  assert.ok(seen.refused > 100 && seen.messages > 100 && seen.statuses > 20, JSON.stringify(seen))
})

test('any bytes at all: whole events or a 400', () => {
  const seen: Seen = { refused: 0, messages: 0, statuses: 0 }
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) =>
      parsesOrRefuses(() => parseWhatsAppWebhook(Buffer.from(bytes), PAYLOAD_NUMBER), seen),
    ),
    fuzzRuns(2000),
  )
})
