// Nothing about a caller in the logs: a whole call (ringing, the operator's leg, the key, the
// <Dial> action, the end), a voicemail and a call a mediator joins and leaves (the conference's
// reports, the Calls and Participants API), logged at trace level by a real Ascolto process, leave
// no caller's number, no operator's or mediator's phone and no Twilio call, conference or
// recording id.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createHelpline, createKeyring, type Services } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { eventually } from '../../testing/eventually.ts'
import { connectFakeTwilio, type FakeTwilio, startFakeTwilio, twilioSid } from '../../testing/fake-twilio.ts'
import { playCall } from '../../testing/fake-twilio-call.ts'
import { playConferences } from '../../testing/fake-twilio-conference.ts'
import { spawnAscolto, stopAscolto } from '../../testing/spawn-ascolto.ts'
import { call, makeOperator } from '../../testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'

describe('Twilio call logs', () => {
  let database: TestDatabase
  let dataDir: string
  let fake: FakeTwilio
  before(async () => {
    database = await createTestDatabase()
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-call-logs-'))
    fake = await startFakeTwilio()
  })
  after(async () => {
    await fake.close()
    await database.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('carry no caller number, operator or mediator phone, call or conference id', async () => {
    const masterKey = randomBytes(32).toString('hex')
    const ascolto = await spawnAscolto({
      DATABASE_URL: database.url,
      ASCOLTO_DATA_DIR: dataDir,
      ASCOLTO_MASTER_KEY: masterKey,
      ASCOLTO_PUBLIC_URL: PUBLIC_URL,
      LOG_LEVEL: 'trace',
    })
    try {
      const services = { keyring: createKeyring(Buffer.from(masterKey, 'hex')) } as Services
      // a helpline open at every hour: the phones ring whenever the test runs
      const helpline = await createHelpline(database.pool, { slug: 'call-logs', name: 'Linea' })
      const { target } = await connectFakeTwilio(
        { pool: database.pool, services, url: ascolto.url, publicUrl: PUBLIC_URL },
        fake,
        { helplineId: helpline.id },
      )
      const operator = await makeOperator({ pool: database.pool, url: ascolto.url }, [
        { helplineId: helpline.id, role: 'volunteer' },
      ])
      const phone = `+39340${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, '0')}`
      await call(`${ascolto.url}/api/account/phone`, {
        method: 'PUT',
        cookie: operator.cookie,
        body: { phone },
      })
      const caller = `+39333${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, '0')}`
      const answered = await playCall(target, fake.accountSid, {
        from: caller,
        phones: { [phone]: 'accept' },
      })
      assert.deepEqual(answered.rounds, [[phone]])
      const recordingSid = twilioSid('RE')
      const left = await playCall(target, fake.accountSid, { from: caller, voicemail: recordingSid })

      // a mediator called in and let go
      const conferences = playConferences(fake, target)
      const coordinator = await makeOperator({ pool: database.pool, url: ascolto.url }, [
        { helplineId: helpline.id, role: 'coordinator' },
      ])
      const mediatorPhone = `+39347${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, '0')}`
      const mediator = await call(`${ascolto.url}/api/call-mediators?helplineId=${helpline.id}`, {
        cookie: coordinator.cookie,
        body: { label: 'Interprete', languages: ['ti'], phone: mediatorPhone },
      })
      const talking = await playCall(target, fake.accountSid, {
        from: caller,
        phones: { [phone]: 'accept' },
        stayOnLine: true,
      })
      conferences.hold(talking, caller)
      const { rows } = await database.pool.query<{ id: string; message_id: string }>(
        'select id, message_id from phone_call where answered_at is not null and ended_at is null',
      )
      const callOnLine = rows[0]
      assert.ok(callOnLine)
      const added = await call(`${ascolto.url}/api/calls/${callOnLine.message_id}/mediators`, {
        cookie: operator.cookie,
        body: { mediatorId: mediator.body.id },
      })
      const joined = async () => {
        const { rows: on } = await database.pool.query(
          'select left_at from call_participant where call_id = $1 and joined_at is not null',
          [callOnLine.id],
        )
        return on
      }
      await eventually('the mediator joined', async () => (await joined()).length === 1)
      await call(`${ascolto.url}/api/calls/${callOnLine.message_id}/mediators/${added.body.participantId}`, {
        method: 'DELETE',
        cookie: operator.cookie,
      })
      await eventually('the mediator left', async () => (await joined())[0]?.left_at != null)
      await conferences.hangUp(talking.callSid)
      await conferences.settled()
      await stopAscolto(ascolto)

      const output = ascolto.output()
      assert.match(output, /"msg":"webhook"/)
      assert.match(output, /"conference":"join: recorded"/)
      const ids = [answered, left, talking].flatMap((played) =>
        played.steps.flatMap((step) => [step.form.CallSid, step.form.DialCallSid].filter(Boolean)),
      )
      const conferenceIds = conferences.reports.flatMap((r) =>
        [r.form.ConferenceSid, r.form.CallSid].filter(Boolean),
      )
      for (const leak of [
        caller,
        caller.slice(1),
        phone,
        phone.slice(1),
        mediatorPhone,
        mediatorPhone.slice(1),
        recordingSid,
        ...ids,
        ...conferenceIds,
      ]) {
        assert.equal(output.includes(leak ?? ''), false, `the logs contain ${leak}`)
      }
    } finally {
      await stopAscolto(ascolto)
    }
  })
})
