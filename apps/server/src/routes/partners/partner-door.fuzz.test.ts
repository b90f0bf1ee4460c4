// The partner door against random and mutated requests (fast-check, seeded: ASCOLTO_FUZZ_SEED,
// printed on failure): referral bodies shaped like a partner's with anything in their places, any
// JSON, bytes cut or changed after signing, signature headers of any text. Each request is signed
// by the partner's real key unless the case says otherwise. Every answer is a whole referral (a
// referral, its sealed packet, its event and its person, all or nothing) or a coded 4xx with
// nothing stored; never a 5xx.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fuzzRuns, withFuzzSeed } from '@ascolto/channels/testing'
import fc from 'fast-check'
import {
  partnerHelplines,
  signedPost,
  startTwoInstallations,
  storedCounts,
} from '../../testing/partner-installations.ts'
import { call, type TestServer } from '../../testing/test-server.ts'

const validBody = fc.record({
  id: fc.uuid({ version: 4 }),
  urgency: fc.constantFrom('routine', 'soon', 'urgent'),
  consent: fc.record({
    givenAt: fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    givenBy: fc.constantFrom('person', 'representative'),
  }),
  packet: fc.record({
    reason: fc.string({ minLength: 1, maxLength: 300 }),
    languages: fc.array(fc.constantFrom('it', 'en', 'ro', 'ar', 'pt-BR'), { maxLength: 4 }),
    shared: fc.string({ maxLength: 300 }),
    addresses: fc.array(
      fc.record({
        channelKind: fc.constantFrom('whatsapp', 'sms'),
        address: fc.string({ minLength: 1, maxLength: 40 }),
      }),
      { maxLength: 2 },
    ),
  }),
})

/** A valid body with one place changed: a key gone, a value of any kind, a key added. */
const mutated = fc
  .tuple(validBody, fc.constantFrom('drop', 'replace', 'add', 'deep'), fc.jsonValue(), fc.nat())
  .map(([body, how, value, at]) => {
    const copy = structuredClone(body) as Record<string, unknown>
    const target = how === 'deep' ? (copy.packet as Record<string, unknown>) : copy
    const keys = Object.keys(target)
    const key = keys[at % keys.length] as string
    if (how === 'drop') delete target[key]
    else if (how === 'add') target[`extra${at % 3}`] = value
    else target[key] = value
    return copy
  })

/** How the bytes and headers leave: signed as sent, changed after signing, or headers of any text. */
const delivery = fc.oneof(
  fc.constant({ kind: 'signed' as const }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), by: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('headers' as const),
    signature: fc.string({ maxLength: 120 }),
    input: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constant(
        'sig=("@method" "@path" "content-digest");created=1;nonce="aaaaaaaaaaaaaaaaaaaa";keyid="x";alg="ed25519"',
      ),
    ),
  }),
)

const bodyText = fc.oneof(
  { weight: 3, arbitrary: validBody.map((b) => JSON.stringify(b)) },
  { weight: 4, arbitrary: mutated.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
)

/** The text as sent: as signed, cut short, or with one byte changed. */
function changedAfterSigning(
  text: string,
  how: { kind: 'signed' } | { kind: 'cut'; at: number } | { kind: 'flip'; at: number; by: number },
) {
  if (how.kind === 'signed') return text
  const bytes = Buffer.from(text)
  if (how.kind === 'cut') return bytes.length > 0 ? bytes.subarray(0, how.at % bytes.length).toString() : ' '
  const at = how.at % Math.max(1, bytes.length)
  const changed = Buffer.concat([bytes, Buffer.from(' ')])
  changed[at] = ((changed[at] ?? 0) + how.by) % 256
  return changed.subarray(0, Math.max(1, bytes.length)).toString('latin1')
}

describe('the partner door against random and mutated signed requests', () => {
  let installations: Awaited<ReturnType<typeof startTwoInstallations>>
  let regional: TestServer
  let national: TestServer
  before(async () => {
    installations = await startTwoInstallations()
    regional = installations.regional
    national = installations.national
  })
  after(async () => installations.close())

  it('answers a whole referral or a coded 4xx with nothing stored, never a 5xx', () =>
    withFuzzSeed(async () => {
      const lines = await partnerHelplines(regional, national)
      const door = `${lines.national.own.baseUrl}/referrals`
      const seen = { stored: 0, refused: 0 }
      for (const [text, how] of fc.sample(fc.tuple(bodyText, delivery), fuzzRuns(200))) {
        const before = await storedCounts(national.pool)
        const request = await signedPost(regional, door, text)
        const answer =
          how.kind === 'headers'
            ? await request.send({
                headers: { ...request.headers, Signature: how.signature, 'Signature-Input': how.input },
              })
            : await request.send({ body: changedAfterSigning(text, how) })
        const shown = `${how.kind} ${text.slice(0, 160)}`
        assert.ok(answer.status < 500, `${answer.status} for ${shown}`)
        const after = await storedCounts(national.pool)
        if (answer.status === 201) {
          seen.stored++
          const id = (JSON.parse(text) as { id: string }).id
          const { rows } = await national.pool.query(
            `select r.id from referral r
               join referral_packet p on p.referral_id = r.id
               join contact c on c.id = p.contact_id
               join referral_event e on e.referral_id = r.id and e.state = 'received'
              where r.remote_id = $1`,
            [id],
          )
          assert.equal(rows.length, 1, `a whole referral for ${shown}`)
          for (const table of ['referrals', 'packets', 'events', 'contacts', 'nonces'] as const) {
            assert.equal(after[table], (before[table] ?? 0) + 1, `${table} grew by one for ${shown}`)
          }
        } else {
          assert.ok(answer.status >= 400, `${answer.status} for ${shown}`)
          assert.equal(typeof (answer.body as { code?: unknown })?.code, 'string', `no code for ${shown}`)
          assert.deepEqual(after, before, `a refused request stored something: ${shown}`)
          seen.refused++
        }
      }
      // the cases reached both ends: some referrals stored whole, some refused
      assert.ok(seen.stored > 0 && seen.refused > 0, JSON.stringify(seen))
      // and the door still answers a well-formed referral
      const ok = await signedPost(regional, door, JSON.stringify(fc.sample(validBody, 1)[0]))
      assert.equal((await ok.send()).status, 201)
      // the state door, with the same random bodies, for referrals it may or may not know
      for (const text of fc.sample(bodyText, fuzzRuns(50))) {
        const url = `${lines.national.own.baseUrl}/referrals/${fc.sample(fc.uuid({ version: 4 }), 1)[0]}/state`
        const before = await storedCounts(national.pool)
        const answer = await (await signedPost(regional, url, text)).send()
        assert.ok(answer.status >= 400 && answer.status < 500, `${answer.status} for ${text.slice(0, 160)}`)
        assert.deepEqual(await storedCounts(national.pool), before)
      }
      assert.equal((await call(`${national.url}/health`)).status, 200)
    }))
})
