/// <reference types="node" />
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatSeconds, textIn } from './format-seconds.ts'

test('a wait reads in seconds, minutes, hours or days, in the reader’s language', () => {
  assert.equal(formatSeconds(null, 'it'), '–')
  assert.equal(formatSeconds(45, 'it'), '45 s')
  assert.equal(formatSeconds(89, 'en'), '89 sec')
  assert.equal(formatSeconds(150, 'it'), '3 min')
  assert.equal(formatSeconds(5399, 'en'), '90 min')
  assert.equal(formatSeconds(5400, 'it'), '1,5 h')
  assert.equal(formatSeconds(7200, 'en'), '2 hr')
  assert.equal(formatSeconds(172_799, 'en'), '48 hr')
  assert.equal(formatSeconds(3 * 86_400, 'it'), '3 giorni')
  assert.equal(formatSeconds(3.5 * 86_400, 'en'), '3.5 days')
})

test('a label falls back to the helpline’s main language, then to any', () => {
  assert.equal(textIn({ it: 'Bullismo', en: 'Bullying' }, 'en', 'it'), 'Bullying')
  assert.equal(textIn({ it: 'Bullismo' }, 'en', 'it'), 'Bullismo')
  assert.equal(textIn({ de: 'Mobbing', fr: 'Harcèlement' }, 'en', 'fr'), 'Harcèlement')
  assert.equal(textIn({ de: 'Mobbing' }, 'en', 'it'), 'Mobbing')
})
