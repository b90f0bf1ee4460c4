// Twilio's parser against whatever a signed form could carry (fast-check): the documented
// requests with parameters changed to any text or removed, and forms of random names and values;
// whole events or a WebhookPayloadError (the route's 400), never another error.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import fc from 'fast-check'
import { fuzzRuns, mutationsOf, parsesOrRefuses, type Seen } from '../kit/fuzz.ts'
import { twilioConnection } from './config.ts'
import { parseTwilioWebhook } from './parse-webhook.ts'

const dir = path.join(import.meta.dirname, 'fixtures')
const forms: Array<Record<string, string>> = readdirSync(dir).map((file) =>
  JSON.parse(readFileSync(path.join(dir, file), 'utf8')),
)
const { config } = twilioConnection({
  accountSid: forms[0]?.AccountSid ?? `AC${'0'.repeat(32)}`,
  phoneNumber: forms.find((form) => form.To?.startsWith('+'))?.To ?? '+390212345678',
  authToken: '0123456789abcdef0123456789abcdef',
  publicUrl: 'https://ascolto.example.org/',
})

/** A form as Twilio posts it: every value a string. */
const asForm = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(value && typeof value === 'object' ? value : {}).map(([key, v]) => [
      key,
      typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
    ]),
  )

test('documented requests with any text in their places: whole events or a 400', () => {
  const seen: Seen = { refused: 0, messages: 0, statuses: 0 }
  const text = fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{1,3}$/), fc.constant(''))
  fc.assert(
    fc.property(mutationsOf(forms, text), (form) =>
      parsesOrRefuses(() => parseTwilioWebhook(asForm(form), config, new Date()), seen),
    ),
    fuzzRuns(3000),
  )
  assert.ok(seen.refused > 50 && seen.messages > 100 && seen.statuses > 20, JSON.stringify(seen))
})

test('forms of random names and values: whole events or a 400', () => {
  const seen: Seen = { refused: 0, messages: 0, statuses: 0 }
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.string()), (form) =>
      parsesOrRefuses(
        () => parseTwilioWebhook({ ...form, AccountSid: config.accountSid }, config, new Date()),
        seen,
      ),
    ),
    fuzzRuns(2000),
  )
})
