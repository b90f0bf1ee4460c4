// The suite's log scan must be able to fail: each kind of personal data it looks for is found.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { noteMadeUpBody, personalDataIn } from './log-scan.ts'

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    level: 30,
    time: 1796481527252,
    pid: 30891,
    hostname: 'vm',
    responseTime: 19.784250000004,
    ...fields,
  })

describe('the log scan', () => {
  it('finds numbers, addresses, e-mails and what the tests sent, and nothing in a clean line', () => {
    noteMadeUpBody({
      clientId: 'c1',
      text: 'mi sento solo stasera',
      nested: [{ reason: 'richiesta urgente' }],
    })
    const dirty = [
      line({ msg: 'from 393471239876' }),
      line({ req: { remoteAddress: '127.0.0.1' } }),
      line({ req: { remoteAddress: '::ffff:10.0.0.7' } }),
      line({ msg: 'sent to mario.rossi@example.org' }),
      line({ err: { message: 'failed on "mi sento solo stasera"' } }),
      line({ msg: 'richiesta urgente' }),
    ]
    assert.equal(personalDataIn(dirty).length, dirty.length)
    const clean = line({ reqId: 'req-1', channelId: '0e3c9a1b-5f2d-4c8e-9a7b-1d2e3f4a5b6c', msg: 'stored' })
    assert.deepEqual(personalDataIn([clean]), [])
  })
})
