// Nothing about a caller in the logs: a whole call (ringing, the operator's leg, the key, the
// <Dial> action, the end) and a voicemail, logged at trace level by a real Ascolto process, leave
// no caller's number, no operator's phone and no Twilio call or recording id.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createHelpline, createKeyring, type Services } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { connectFakeTwilio, type FakeTwilio, startFakeTwilio, twilioSid } from '../../testing/fake-twilio.ts'
import { playCall } from '../../testing/fake-twilio-call.ts'
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

  it('carry no caller number, operator phone or call id', async () => {
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
      await stopAscolto(ascolto)

      const output = ascolto.output()
      assert.match(output, /"msg":"webhook"/)
      const ids = [answered, left].flatMap((played) =>
        played.steps.flatMap((step) => [step.form.CallSid, step.form.DialCallSid].filter(Boolean)),
      )
      for (const leak of [caller, caller.slice(1), phone, phone.slice(1), recordingSid, ...ids]) {
        assert.equal(output.includes(leak ?? ''), false, `the logs contain ${leak}`)
      }
    } finally {
      await stopAscolto(ascolto)
    }
  })
})
