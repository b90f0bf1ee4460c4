// Telegram's parser against whatever a caller holding the secret token could post (fast-check):
// the documented updates with values replaced or removed at any depth, and any bytes; whole
// events or a WebhookPayloadError (the route's 400), never another error.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import fc from 'fast-check'
import { fuzzRuns, mutationsOf, parsesOrRefuses, type Seen } from '../kit/fuzz.ts'
import { parseTelegramWebhook } from './parse-webhook.ts'

const dir = path.join(import.meta.dirname, 'fixtures')
const updates = readdirSync(dir).map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')))

test('documented updates with anything in their places: whole events or a 400', () => {
  const seen: Seen = { refused: 0, messages: 0, statuses: 0 }
  fc.assert(
    fc.property(mutationsOf(updates), (update) =>
      parsesOrRefuses(() => parseTelegramWebhook(Buffer.from(JSON.stringify(update) ?? 'null')), seen),
    ),
    fuzzRuns(3000),
  )
  assert.ok(seen.refused > 50 && seen.messages > 300, JSON.stringify(seen))
})

test('any bytes at all: whole events or a 400', () => {
  const seen: Seen = { refused: 0, messages: 0, statuses: 0 }
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) =>
      parsesOrRefuses(() => parseTelegramWebhook(Buffer.from(bytes)), seen),
    ),
    fuzzRuns(2000),
  )
})
