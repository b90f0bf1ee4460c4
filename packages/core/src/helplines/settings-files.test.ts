// The settings files in docs/settings, one per service of DESIGN.md, pass the check; a file with a
// mistake gets problems that each name the field; the generated JSON Schema is up to date.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import Value from 'typebox/value'
import { checkSettings, SettingsError } from './helpline-settings.ts'

const root = path.resolve(import.meta.dirname, '..', '..', '..', '..')
const folder = path.join(root, 'docs', 'settings')
const files = readdirSync(folder).filter((name) => name.endsWith('.json'))

// biome-ignore lint/suspicious/noExplicitAny: the tests break files on purpose, anywhere
function read(name: string): any {
  return JSON.parse(readFileSync(path.join(folder, name), 'utf8'))
}

function problemsOf(input: unknown): string[] {
  try {
    checkSettings(input)
  } catch (error) {
    assert.ok(error instanceof SettingsError, String(error))
    return error.problems
  }
  assert.fail('the file passed the check')
}

describe('the settings files in docs/settings', () => {
  it('has one per service of DESIGN.md', () => {
    assert.deepEqual(files.toSorted(), [
      'addiction-line.json',
      'anti-trafficking-line.json',
      'association-web-chat.json',
      'listening-line.json',
      'social-services-desk.json',
    ])
  })

  for (const name of files) {
    it(`${name} passes the check, in Italian first and in English`, () => {
      const settings = checkSettings(read(name))
      assert.equal(settings.$schema, '../helpline-settings.schema.json')
      assert.deepEqual(settings.languages.slice(0, 2), ['it', 'en'])
      const texts = [
        ...Object.values(settings.autoReplies),
        settings.blocking.notice,
        ...settings.redirects.map((r) => r.text),
      ]
      for (const text of texts) if (text) assert.ok(text.it && text.en, JSON.stringify(text))
    })
  }

  it('docs/helpline-settings.schema.json is up to date with the schema', () => {
    const check = spawnSync(process.execPath, ['scripts/settings-schema.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
    })
    assert.equal(check.status, 0, check.stderr)
  })

  it('the JSON Schema an editor uses accepts every file and refuses a mistake', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'docs', 'helpline-settings.schema.json'), 'utf8'))
    for (const name of files) assert.ok(Value.Check(schema, read(name)), name)
    const wrong = read('listening-line.json')
    wrong.opening.weekly.mon[0].end = '25:00'
    assert.equal(Value.Check(schema, wrong), false)
  })
})

describe('a settings file with a mistake', () => {
  // biome-ignore lint/suspicious/noExplicitAny: as above
  type Row = [mistake: string, field: string, change: (file: any) => void]
  const rows: Row[] = [
    ['a time of 25:00', 'opening.weekly.mon[0].end', (f) => (f.opening.weekly.mon[0].end = '25:00')],
    [
      'a closing time that is not a time',
      'opening.weekly.sun[0].end',
      (f) => (f.opening.weekly.sun[0].end = '9pm'),
    ],
    [
      'no out-of-hours text in the main language',
      'autoReplies.outOfHours',
      (f) => delete f.autoReplies.outOfHours.it,
    ],
    ['a welcome without the policy', 'policy', (f) => delete f.policy],
    ['an unknown property', 'colour', (f) => (f.colour = 'blue')],
    ['an unknown weekday', 'opening.weekly.monday', (f) => (f.opening.weekly.monday = [])],
    ['retention of zero months', 'retention.months', (f) => (f.retention.months = 0)],
    ['a language that is not a code', 'languages[1]', (f) => (f.languages[1] = 'English')],
    ['an unknown time zone', 'timeZone', (f) => (f.timeZone = 'Europe/Atlantis')],
    [
      'a category without its name in the main language',
      'desk.categories[1].label',
      (f) => delete f.desk.categories[1].label.it,
    ],
    [
      'an outcome option without its name in the main language',
      'desk.closingForm[0].options[2].label',
      (f) => delete f.desk.closingForm[0].options[2].label.it,
    ],
    [
      'two categories with one id',
      'desk.categories[2].id',
      (f) => (f.desk.categories[2].id = f.desk.categories[0].id),
    ],
    [
      'two options of a question with one id',
      'desk.closingForm[0].options[1].id',
      (f) => (f.desk.closingForm[0].options[1].id = f.desk.closingForm[0].options[0].id),
    ],
    [
      'an emergency step of choices without options',
      'cases.emergency.steps[0].options',
      (f) =>
        (f.cases = { emergency: { steps: [{ id: 'called', label: { it: 'Chiamati' }, field: 'choices' }] } }),
    ],
    [
      'an emergency step without its name in the main language',
      'cases.emergency.steps[0].label',
      (f) => (f.cases = { emergency: { steps: [{ id: 'where', label: { en: 'Where' }, field: 'place' }] } }),
    ],
  ]
  for (const [mistake, field, change] of rows) {
    it(`${mistake}: a problem names ${field}`, () => {
      const file = read('listening-line.json')
      change(file)
      const problems = problemsOf(file)
      assert.ok(
        problems.some((p) => p.startsWith(`${field}:`) || p.startsWith(`${field} `)),
        problems.join('\n'),
      )
    })
  }

  it('gets every problem at once, each naming its field', () => {
    const file = read('social-services-desk.json')
    file.opening.weekly.mon[0].end = '25:00'
    file.opening.weekly.thu[1].start = '3:30'
    file.redirects[0].id = 'Ufficio Disabilità'
    const problems = problemsOf(file)
    assert.deepEqual(
      problems.map((p) => p.slice(0, p.indexOf(':'))),
      ['opening.weekly.mon[0].end', 'opening.weekly.thu[1].start', 'redirects[0].id'],
    )
  })

  it('texts in the other languages may be missing', () => {
    const file = read('social-services-desk.json')
    delete file.autoReplies.holiday.en
    delete file.redirects[0].text.en
    assert.doesNotThrow(() => checkSettings(file))
  })
})
