// The phone rings the operators on shift, for real: the fake Twilio plays the documented call flow
// (<Dial> with one <Number> per phone, its action when nobody answers) against the webhook. Where
// the helpline keeps a rota, the operators on shift now who are available and have a phone ring
// first (together, or in turn), then the door's own number, then the voicemail; an available
// operator off the rota does not ring, nor one on shift who stepped away.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import { connectFakeTwilio, type FakeTwilio, startFakeTwilio, twilioSid } from '../../testing/fake-twilio.ts'
import { playCall } from '../../testing/fake-twilio-call.ts'
import { rome } from '../../testing/rota-fixtures.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const OFFICE = '+390298765432'
const settings = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../../../docs/settings/addiction-line.json'), 'utf8'),
)
// Tuesday 1 December 2026 in Rome: open 13:00–21:00; the afternoon shift is 13:00–17:00
const ON_SHIFT = rome('2026-12-01 16:00')
const BETWEEN_SHIFTS = rome('2026-12-01 17:30')

describe('Twilio calls: the phones of the operators on shift', () => {
  let server: TestServer
  let fake: FakeTwilio
  let now = ON_SHIFT
  before(async () => {
    server = await startTestServer({ ASCOLTO_PUBLIC_URL: PUBLIC_URL }, { clock: () => now })
    fake = await startFakeTwilio()
  })
  after(async () => {
    await fake?.close()
    await server?.close()
  })

  const number = () => `+39340${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, '0')}`
  const caller = () => `+39333${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, '0')}`

  /** A door with a rota: the afternoon shift has Anna, Bruno (away) and Sara on it; Carla is not. */
  async function rotaDoor(ring: 'together' | 'in_turn') {
    const { helplineId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, { ...settings, calls: { ring } })
    const channel = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, {
      helplineId,
      forwardTo: OFFICE,
    })
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Coordinatrice')
    const operator = async (name: string, role: 'volunteer' | 'supervisor', availability = 'available') => {
      const made = await makeOperator(server, [{ helplineId, role }], name)
      const phone = number()
      const set = await call(`${server.url}/api/account/phone`, {
        method: 'PUT',
        cookie: made.cookie,
        body: { phone },
      })
      assert.equal(set.status, 200)
      const availabilitySet = await call(`${server.url}/api/availability`, {
        method: 'PUT',
        cookie: made.cookie,
        body: { availability },
      })
      assert.equal(availabilitySet.status, 200)
      return { ...made, phone }
    }
    const anna = await operator('Anna', 'volunteer')
    const bruno = await operator('Bruno', 'volunteer', 'away')
    const sara = await operator('Sara', 'supervisor')
    const carla = await operator('Carla', 'volunteer')
    const shift = await call(`${server.url}/api/helplines/${helplineId}/shifts`, {
      cookie: coordinator.cookie,
      body: { startsOn: '2026-12-01', start: '13:00', end: '17:00', needs: { volunteer: 2, supervisor: 1 } },
    })
    assert.equal(shift.status, 201, JSON.stringify(shift.body))
    for (const [who, role] of [
      [anna, 'volunteer'],
      [bruno, 'volunteer'],
      [sara, 'supervisor'],
    ] as const) {
      const placed = await call(`${server.url}/api/shifts/${shift.body.id}/assignments`, {
        cookie: coordinator.cookie,
        body: { date: '2026-12-01', role, userId: who.userId },
      })
      assert.equal(placed.status, 201, JSON.stringify(placed.body))
    }
    return { ...channel, anna, bruno, sara, carla }
  }

  it('rings those on shift and available together, then the office, then the voicemail', async () => {
    now = ON_SHIFT
    const { target, anna, sara } = await rotaDoor('together')
    const played = await playCall(target, fake.accountSid, { from: caller(), voicemail: twilioSid('RE') })
    // one <Dial> with Sara's and Anna's numbers (the supervisor first, as the rota lists them);
    // not Bruno (away), not Carla (available, but not on shift)
    assert.deepEqual(played.rounds, [[sara.phone, anna.phone], [OFFICE]])
    const first = played.steps[0]?.body ?? ''
    assert.match(
      first,
      new RegExp(
        `<Dial [^>]*><Number url="[^"]+" method="POST">\\${sara.phone}</Number><Number url="[^"]+" method="POST">\\${anna.phone}</Number></Dial>`,
      ),
    )
    // nobody answered the office either: the voicemail, which the caller leaves
    const office = played.steps.findIndex((step) => step.body.includes(`>${OFFICE}</Number>`))
    assert.match(played.steps[office + 1]?.body ?? '', /<Record /)
    const { rows } = await server.pool.query<{ n: number }>(
      `select count(*)::int as n from phone_call where channel_id = $1 and voicemail_message_id is not null`,
      [target.url.split('/').at(-1)],
    )
    assert.equal(rows[0]?.n, 1)
  })

  it('rings them in turn where the helpline says so, and the one who answers has the call', async () => {
    now = ON_SHIFT
    const { target, anna, sara } = await rotaDoor('in_turn')
    const played = await playCall(target, fake.accountSid, {
      from: caller(),
      phones: { [anna.phone]: 'accept' },
    })
    assert.deepEqual(played.rounds, [[sara.phone], [anna.phone]])
    const { rows } = await server.pool.query<{ answered_by: string }>(
      'select answered_by from phone_call where channel_id = $1',
      [target.url.split('/').at(-1)],
    )
    assert.deepEqual(rows, [{ answered_by: anna.userId }])
  })

  it('between shifts, only the office rings, though operators are available', async () => {
    now = BETWEEN_SHIFTS
    const { target } = await rotaDoor('together')
    const played = await playCall(target, fake.accountSid, { from: caller() })
    assert.deepEqual(played.rounds, [[OFFICE]])
  })
})
