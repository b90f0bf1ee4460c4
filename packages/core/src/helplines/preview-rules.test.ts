// previewRules on the settings files of docs/settings: what a person writing at a given moment
// meets, as a table of cases in Rome's local time.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import type { HelplineSettings } from '@ascolto/protocol'
import { checkSettings } from './helpline-settings.ts'
import { instantInZone, previewRules } from './preview-rules.ts'

const folder = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'docs', 'settings')

function settingsOf(name: string): HelplineSettings {
  return checkSettings(JSON.parse(readFileSync(path.join(folder, `${name}.json`), 'utf8')))
}

const rome = (local: string) => instantInZone(local, 'Europe/Rome') as Date

describe('previewRules', () => {
  type Row = {
    case: string
    file: string
    at: string
    open: boolean
    closedBy?: string
    reason?: string
    openUntil?: string
    next: [at: string, phrase: string] | null
    replies: string[]
    says?: string
    due: string
  }
  const rows: Row[] = [
    {
      case: 'listening line at 22:00: opens tomorrow at 18:00, due 21:00 tomorrow',
      file: 'listening-line',
      at: '2026-01-12T22:00',
      open: false,
      closedBy: 'hours',
      next: ['2026-01-13T18:00:00+01:00', 'domani dalle 18:00'],
      replies: ['out_of_hours'],
      says: 'ti risponderemo domani dalle 18:00.',
      due: '2026-01-13T21:00:00+01:00',
    },
    {
      case: 'listening line on Christmas Day: a holiday, and so is the 26th',
      file: 'listening-line',
      at: '2026-12-25T19:00',
      open: false,
      closedBy: 'holiday',
      reason: 'Natale di Gesù',
      next: ['2026-12-27T18:00:00+01:00', 'domenica dalle 18:00'],
      replies: ['holiday'],
      says: 'Oggi è festa e la linea è chiusa: ti risponderemo domenica dalle 18:00.',
      due: '2026-12-27T21:00:00+01:00',
    },
    {
      case: 'listening line on Christmas Eve at 20:30: open',
      file: 'listening-line',
      at: '2026-12-24T20:30',
      open: true,
      openUntil: '2026-12-24T21:00:00+01:00',
      next: ['2026-12-24T20:30:00+01:00', 'ora'],
      replies: [],
      due: '2026-12-24T21:00:00+01:00',
    },
    {
      case: 'listening line the night the clocks go forward',
      file: 'listening-line',
      at: '2026-03-28T22:00',
      open: false,
      closedBy: 'hours',
      next: ['2026-03-29T18:00:00+02:00', 'domani dalle 18:00'],
      replies: ['out_of_hours'],
      due: '2026-03-29T21:00:00+02:00',
    },
    {
      case: 'the desk on Friday at 20:00: due Saturday at 12:15',
      file: 'social-services-desk',
      at: '2026-01-16T20:00',
      open: false,
      closedBy: 'hours',
      next: ['2026-01-17T08:45:00+01:00', 'domani dalle 8:45'],
      replies: ['out_of_hours'],
      says: 'ti risponderemo domani dalle 8:45.',
      due: '2026-01-17T12:15:00+01:00',
    },
    {
      case: 'the desk on Monday at lunchtime: opens again at 15:30',
      file: 'social-services-desk',
      at: '2026-01-12T13:00',
      open: false,
      closedBy: 'hours',
      next: ['2026-01-12T15:30:00+01:00', 'oggi dalle 15:30'],
      replies: ['out_of_hours'],
      due: '2026-01-12T17:30:00+01:00',
    },
    {
      case: "the desk on the patron saint's day, before the Immacolata",
      file: 'social-services-desk',
      at: '2026-12-07T10:00',
      open: false,
      closedBy: 'holiday',
      reason: "Sant'Ambrogio",
      next: ['2026-12-09T09:00:00+01:00', 'mercoledì dalle 9:00'],
      replies: ['holiday'],
      due: '2026-12-09T12:30:00+01:00',
    },
    {
      case: 'the addiction line on a Tuesday morning: opens at 13:00',
      file: 'addiction-line',
      at: '2026-01-13T10:00',
      open: false,
      closedBy: 'hours',
      next: ['2026-01-13T13:00:00+01:00', 'oggi dalle 13:00'],
      replies: ['out_of_hours'],
      says: 'ti risponderemo oggi dalle 13:00.',
      due: '2026-01-13T21:00:00+01:00',
    },
    {
      case: 'the addiction line is open on Christmas Day',
      file: 'addiction-line',
      at: '2026-12-25T10:00',
      open: true,
      openUntil: '2026-12-25T17:00:00+01:00',
      next: ['2026-12-25T10:00:00+01:00', 'ora'],
      replies: [],
      due: '2026-12-25T17:00:00+01:00',
    },
    {
      case: 'the anti-trafficking line at 3 in the morning of Ferragosto: open, due in 15 minutes',
      file: 'anti-trafficking-line',
      at: '2026-08-15T03:00',
      open: true,
      next: ['2026-08-15T03:00:00+02:00', 'ora'],
      replies: [],
      due: '2026-08-15T03:15:00+02:00',
    },
    {
      case: 'the association in its summer break',
      file: 'association-web-chat',
      at: '2026-08-12T18:00',
      open: false,
      closedBy: 'closure',
      reason: 'Pausa estiva',
      next: ['2026-09-01T17:00:00+02:00', 'martedì 1 settembre dalle 17:00'],
      replies: ['closure'],
      due: '2026-09-01T20:00:00+02:00',
    },
    {
      case: 'the association on Christmas Eve, closed by an exception',
      file: 'association-web-chat',
      at: '2026-12-24T18:00',
      open: false,
      closedBy: 'exception',
      reason: 'Vigilia di Natale',
      next: ['2026-12-29T17:00:00+01:00', 'martedì dalle 17:00'],
      replies: ['closure'],
      due: '2026-12-29T20:00:00+01:00',
    },
    {
      case: "the association on its patron saint's day",
      file: 'association-web-chat',
      at: '2026-06-24T18:00',
      open: false,
      closedBy: 'holiday',
      reason: 'San Giovanni Battista',
      next: ['2026-06-25T17:00:00+02:00', 'domani dalle 17:00'],
      replies: ['holiday'],
      due: '2026-06-25T20:00:00+02:00',
    },
  ]

  for (const row of rows) {
    it(row.case, () => {
      const preview = previewRules(settingsOf(row.file), rome(row.at), { firstMessageEver: false })
      assert.equal(preview.open, row.open)
      assert.equal(preview.closedBy, row.closedBy ?? null)
      assert.equal(preview.closedReason, row.reason ?? null)
      assert.equal(preview.openUntil, row.openUntil ?? null)
      assert.deepEqual(preview.nextOpening && [preview.nextOpening.at, preview.nextOpening.phrase], row.next)
      assert.deepEqual(
        preview.replies.map((r) => r.kind),
        row.replies,
      )
      if (row.says) assert.ok(preview.replies[0]?.text.includes(row.says), JSON.stringify(preview.replies))
      assert.equal(preview.dueAt, row.due)
    })
  }

  it('a first message ever gets the welcome with the policy link, then the out-of-hours reply', () => {
    const settings = settingsOf('listening-line')
    const preview = previewRules(settings, rome('2026-01-12T22:00'), { firstMessageEver: true })
    assert.deepEqual(
      preview.replies.map((r) => [r.kind, r.language]),
      [
        ['welcome', 'it'],
        ['out_of_hours', 'it'],
      ],
    )
    assert.ok(preview.replies[0]?.text.endsWith(settings.policy?.url ?? '-'))
    assert.doesNotMatch(preview.replies.map((r) => r.text).join(' '), /\{\w+\}/)
  })

  it('an English-first helpline words the next opening in English', () => {
    const settings = settingsOf('listening-line')
    const english = { ...settings, languages: ['en', 'it'] }
    const preview = previewRules(english, rome('2026-01-12T22:00'), { firstMessageEver: false })
    assert.equal(preview.nextOpening?.phrase, 'tomorrow from 18:00')
    assert.equal(
      preview.replies[0]?.text,
      'Thank you for writing to us. The line is closed now: we will answer you tomorrow from 18:00. If you are in danger, call 112.',
    )
  })
})

describe('instantInZone', () => {
  it('reads a time without an offset as local time in the zone, and one with an offset as given', () => {
    assert.equal(instantInZone('2026-12-24T20:30', 'Europe/Rome')?.toISOString(), '2026-12-24T19:30:00.000Z')
    assert.equal(instantInZone('2026-07-01T20:30', 'Europe/Rome')?.toISOString(), '2026-07-01T18:30:00.000Z')
    assert.equal(instantInZone('2026-12-24T20:30Z', 'Europe/Rome')?.toISOString(), '2026-12-24T20:30:00.000Z')
    assert.equal(
      instantInZone('2026-12-24T20:30+02:00', 'Europe/Rome')?.toISOString(),
      '2026-12-24T18:30:00.000Z',
    )
  })

  it('gives null for what is not a date and time', () => {
    assert.equal(instantInZone('tomorrow', 'Europe/Rome'), null)
    assert.equal(instantInZone('2026-02-30T10:00', 'Europe/Rome'), null)
  })
})
