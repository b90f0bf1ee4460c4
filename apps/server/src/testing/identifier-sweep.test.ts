// The identifier sweep must be able to fail: each form of each identifier planted in a payload is
// found, and a payload with ids, times and counts only is clean.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { newWamid } from './fake-whatsapp.ts'
import { identifierSweeper } from './identifier-sweep.ts'

const sweep = identifierSweeper({
  phones: ['+393471239876'],
  emails: ['Mario.Rossi@Example.org'],
  telegramIds: ['5123456789'],
  ips: ['203.0.113.77', '2001:db8::77'],
})

describe('the identifier sweep', () => {
  it('finds a planted identifier in every common form', () => {
    const planted: Array<[string, string]> = [
      ['+393471239876', 'phone'],
      ['393471239876', 'phone'],
      ['3471239876', 'phone'],
      ['+39 347 123 9876', 'phone'],
      ['0039 347-123-98.76', 'phone'],
      ['(347) 1239876', 'phone'],
      [newWamid('393471239876'), 'phone'],
      ['mario.rossi@example.org', 'e-mail'],
      ['MARIO.ROSSI@EXAMPLE.ORG', 'e-mail'],
      ['mario.rossi%40example.org', 'e-mail'],
      ['5123456789', 'Telegram'],
      ['tg:5123456789', 'Telegram'],
      ['203.0.113.77', 'IP'],
      ['::ffff:203.0.113.77', 'IP'],
      ['2001:DB8::77', 'IP'],
      ['2001:0db8:0000:0000:0000:0000:0000:0077', 'IP'],
    ]
    for (const [value, kind] of planted) {
      const payload = JSON.stringify({ id: 'a1b2', contact: { label: value }, at: '2026-12-05T23:00:00Z' })
      const found = sweep(payload)
      assert.ok(
        found.some((name) => name.startsWith(kind)),
        `${value} not found (${found.join(', ')})`,
      )
    }
  })

  it('finds nothing in ids, times, counts and other people’s numbers', () => {
    const clean = JSON.stringify({
      id: '0e3c9a1b-5f2d-4c8e-9a7b-1d2e3f4a5b6c',
      at: '2026-12-05T23:00:00.000Z',
      time: 1796481527252,
      counts: [12, 3471, 239876],
      label: 'Persona #4821',
      other: '+39 333 111 2222',
      email: 'giulia@example.org',
      ip: '203.0.113.7',
    })
    assert.deepEqual(sweep(clean), [])
  })
})
