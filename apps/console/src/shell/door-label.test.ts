import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { doorLabel } from './door-label.ts'

describe('a door as people know it', () => {
  it('says the channel, then the name the helpline gave where it says more', () => {
    assert.equal(doorLabel('SMS', 'twilio', 'Numero verde'), 'SMS · Numero verde')
    assert.equal(doorLabel('WhatsApp', 'whatsapp', 'WhatsApp Roma'), 'WhatsApp Roma')
    assert.equal(doorLabel('Chat sul sito', 'webchat', null), 'Chat sul sito')
  })
  it('never repeats the label, never names the provider', () => {
    assert.equal(doorLabel('WhatsApp', 'whatsapp', 'whatsapp'), 'WhatsApp')
    assert.equal(doorLabel('SMS', 'twilio', 'Twilio'), 'SMS')
    assert.equal(doorLabel('SMS', 'twilio', 'Twilio SMS'), 'SMS')
    assert.equal(doorLabel('Chat sul sito', 'webchat', 'Webchat sito'), 'Chat sul sito · sito')
  })
})
