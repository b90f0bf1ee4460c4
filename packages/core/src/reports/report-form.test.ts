// The report form's pure parts: the settings' own checks, a submission read against the form
// (labels in the reporter's language, options chosen for the statistics, every problem named),
// and the receipt code (its alphabet, and a code read back however it was typed).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import type { HelplineSettings } from '@ascolto/protocol'
import { checkSettings } from '../helplines/helpline-settings.ts'
import { newReceiptCode, RECEIPT_ALPHABET, readReceiptCode } from './receipt-code.ts'
import { checkReportForm, readReportAnswers, reportFormOf } from './report-form.ts'

const file = path.resolve(import.meta.dirname, '../../../../docs/settings/anti-trafficking-line.json')
const settings = checkSettings(JSON.parse(readFileSync(file, 'utf8')))
const form = reportFormOf(settings)

const withQuestions = (questions: unknown[]) =>
  ({ ...settings, reportForm: { title: { it: 'Segnala' }, questions } }) as HelplineSettings

describe('the report form in the settings', () => {
  for (const [name, questions, problem] of [
    [
      'an id twice',
      [
        { id: 'a', type: 'text', label: { it: 'A' } },
        { id: 'a', type: 'place', label: { it: 'B' } },
      ],
      'reportForm.questions[1].id: a is used twice',
    ],
    [
      'a choice without options',
      [{ id: 'a', type: 'choice', label: { it: 'A' } }],
      'reportForm.questions[0].options: a choice lists its options',
    ],
    [
      'options on a date',
      [
        {
          id: 'a',
          type: 'date',
          label: { it: 'A' },
          options: [
            { id: 'x', label: { it: 'X' } },
            { id: 'y', label: { it: 'Y' } },
          ],
        },
      ],
      'reportForm.questions[0].options: only a choice has options',
    ],
    [
      'a label without the main language',
      [{ id: 'a', type: 'text', label: { en: 'A' } }],
      'reportForm.questions[0].label: needs a text in it',
    ],
  ] as const) {
    it(`names ${name}`, () => {
      assert.deepEqual(checkReportForm(withQuestions([...questions])), [problem])
    })
  }

  it('accepts the anti-trafficking line’s default form', () => {
    assert.deepEqual(checkReportForm(settings), [])
    assert.ok(form.questions.some((q) => q.id === 'danger-now' && q.type === 'yesNo' && q.required))
  })
})

describe('a report read against the form', () => {
  it('keeps the form’s order, labels in the reporter’s language, and the options chosen', () => {
    const read = readReportAnswers(settings, form, {
      language: 'en',
      answers: {
        'danger-now': 'yes',
        what: '  Workers locked in at night  ',
        who: 'minor',
        since: '2026-11-30',
      },
    })
    assert.deepEqual(read.answers, [
      { id: 'what', type: 'text', label: 'What is happening?', value: 'Workers locked in at night' },
      { id: 'since', type: 'date', label: 'Since when? (roughly is fine)', value: '2026-11-30' },
      { id: 'who', type: 'choice', label: 'Who is at risk?', value: 'A minor' },
      { id: 'danger-now', type: 'yesNo', label: 'Is anyone in immediate danger?', value: 'yes' },
    ])
    assert.deepEqual(read.choices, { who: 'minor', 'danger-now': 'yes' })
  })

  it('falls back to the main language for one the helpline does not have', () => {
    const read = readReportAnswers(settings, form, {
      language: 'de',
      answers: { what: 'x', 'danger-now': 'no' },
    })
    assert.equal(read.answers[0]?.label, 'Cosa sta succedendo?')
  })

  it('refuses the whole report, naming every problem', () => {
    assert.throws(
      () =>
        readReportAnswers(settings, form, {
          language: 'it',
          answers: { who: 'aliens', since: '30/11/2026', 'danger-now': 'maybe', extra: 'x' },
        }),
      (error: Error) =>
        [
          'answers.extra: the form has no such question',
          'answers.what: this question must be answered',
          'answers.since: a date YYYY-MM-DD',
          'answers.who: not one of the options',
          "answers.danger-now: 'yes' or 'no'",
        ].every((problem) => error.message.includes(problem)),
    )
  })
})

describe('the receipt code', () => {
  it('is four groups of four from an alphabet without look-alikes', () => {
    assert.equal(/[01ILOU]/.test(RECEIPT_ALPHABET), false)
    for (let i = 0; i < 200; i++) {
      const { code, locator } = newReceiptCode()
      assert.match(code, /^[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}$/)
      assert.equal(locator, code.slice(0, 4))
    }
  })

  it('is read back however it was typed, and nothing else is a code', () => {
    assert.deepEqual(readReceiptCode(' 7qxk vx3k-sqqm zy87 '), {
      code: '7QXK-VX3K-SQQM-ZY87',
      locator: '7QXK',
    })
    for (const typed of ['7QXK-VX3K-SQQM', '7QXK-VX3K-SQQM-ZY870', '7QXK-VX3K-SQQM-ZY8O', '', 'ciao']) {
      assert.equal(readReceiptCode(typed), null, typed)
    }
  })
})
