import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { createKeyring, KeyDestroyedError } from './keyring.ts'

describe('keyring', () => {
  const keyring = createKeyring(randomBytes(32))

  it("opens what it sealed under a scope's key, only in the same scope and row", () => {
    const sealed = keyring.scope('helpline-a').seal('token-segreto', 'channel-secrets:1')
    assert.ok(!sealed.toString('latin1').includes('segreto'))
    assert.equal(keyring.scope('helpline-a').open(sealed, 'channel-secrets:1'), 'token-segreto')
    assert.throws(() => keyring.scope('helpline-b').open(sealed, 'channel-secrets:1'))
    assert.throws(() => keyring.scope('helpline-a').open(sealed, 'channel-secrets:2'))
  })

  it("seals a person's data under their own key: another person's key, or none, opens nothing", () => {
    const key = keyring.newContactKey('helpline-a', 'contact-1')
    const person = keyring.contact('helpline-a', 'contact-1', key)
    const sealed = person.seal('Ciao, ho bisogno di aiuto', 'message:1')
    assert.ok(!sealed.toString('latin1').includes('aiuto'))
    assert.equal(person.open(sealed, 'message:1'), 'Ciao, ho bisogno di aiuto')
    assert.throws(() => person.open(sealed, 'message:2'))

    const other = keyring.contact('helpline-a', 'contact-2', keyring.newContactKey('helpline-a', 'contact-2'))
    assert.throws(() => other.open(sealed, 'message:1'))
    // nor does the helpline's own key, nor the master key's derivations for the helpline
    assert.throws(() => keyring.scope('helpline-a').open(sealed, 'message:1'))
    // the wrapped key is bound to its person and helpline: moved to another row, it does not unwrap
    assert.throws(() => keyring.contact('helpline-a', 'contact-2', key))
    assert.throws(() => keyring.contact('helpline-b', 'contact-1', key))
    // destroyed: the same master key can no longer open the ciphertext
    const shredded = keyring.contact('helpline-a', 'contact-1', null)
    assert.throws(() => shredded.open(sealed, 'message:1'), KeyDestroyedError)
    assert.throws(() => shredded.seal('di nuovo', 'message:3'), KeyDestroyedError)
  })

  it("still opens what was sealed under the helpline's key before keys were per person", () => {
    const before = keyring.scope('helpline-a').seal('scritto prima', 'message:9')
    const person = keyring.contact(
      'helpline-a',
      'contact-1',
      keyring.newContactKey('helpline-a', 'contact-1'),
    )
    assert.equal(person.open(before, 'message:9'), 'scritto prima')
  })

  it('hashes an address apart in each helpline, and alike under another master key only by chance', () => {
    const a = keyring.hashAddress('helpline-a', '+393331234567')
    assert.deepEqual(a, keyring.hashAddress('helpline-a', '+393331234567'))
    assert.notDeepEqual(a, keyring.hashAddress('helpline-b', '+393331234567'))
    assert.notDeepEqual(a, createKeyring(randomBytes(32)).hashAddress('helpline-a', '+393331234567'))
  })
})
