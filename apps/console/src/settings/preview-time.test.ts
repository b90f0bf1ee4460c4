/// <reference types="node" />
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatLocal, localNow } from './preview-time.ts'

test('now in the helpline zone, for a datetime-local box', () => {
  const instant = new Date('2026-11-23T21:05:00Z')
  assert.equal(localNow('Europe/Rome', instant), '2026-11-23T22:05')
  assert.equal(localNow('America/New_York', instant), '2026-11-23T16:05')
  assert.match(localNow('Mars/Base', instant), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
})

test('a time of the answer, in the helpline zone', () => {
  // the words between the date and the time are the ICU version's own
  assert.match(formatLocal('2026-11-24T18:00:00+01:00', 'Europe/Rome', 'it'), /^martedì 24 novembre\D+18:00$/)
  assert.match(
    formatLocal('2026-11-24T18:00:00+01:00', 'America/New_York', 'en'),
    /^Tuesday, November 24\D+12:00/,
  )
})
