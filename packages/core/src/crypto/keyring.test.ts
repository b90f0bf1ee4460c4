import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { createKeyring } from './keyring.ts'

describe('keyring', () => {
  const keyring = createKeyring(randomBytes(32))

  it('opens what it sealed, only in the same helpline and row', () => {
    const sealed = keyring.seal('helpline-a', 'Ciao, ho bisogno di aiuto', 'message:1')
    assert.ok(!sealed.toString('latin1').includes('aiuto'))
    assert.equal(keyring.open('helpline-a', sealed, 'message:1'), 'Ciao, ho bisogno di aiuto')
    assert.throws(() => keyring.open('helpline-b', sealed, 'message:1'))
    assert.throws(() => keyring.open('helpline-a', sealed, 'message:2'))
  })

  it('hashes an address apart in each helpline, and alike under another master key only by chance', () => {
    const a = keyring.hashAddress('helpline-a', '+393331234567')
    assert.deepEqual(a, keyring.hashAddress('helpline-a', '+393331234567'))
    assert.notDeepEqual(a, keyring.hashAddress('helpline-b', '+393331234567'))
    assert.notDeepEqual(a, createKeyring(randomBytes(32)).hashAddress('helpline-a', '+393331234567'))
  })
})
