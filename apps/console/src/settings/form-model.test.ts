/// <reference types="node" />
// The form gives back the file it was given, and what a coordinator empties leaves the file.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { fromForm, slug, toForm } from './form-model.ts'

const settingsFile = async (name: string) =>
  JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../../../docs/settings', name), 'utf8'))

for (const name of [
  'listening-line.json',
  'social-services-desk.json',
  'addiction-line.json',
  'anti-trafficking-line.json',
  'association-web-chat.json',
]) {
  test(`${name} comes back unchanged from the form`, async () => {
    const file = await settingsFile(name)
    assert.deepEqual(fromForm(toForm(file)), file)
  })
}

test('an emptied text, range-less day and empty policy leave the file; an empty row stays for the server to name', async () => {
  const form = toForm(await settingsFile('listening-line.json'))
  form.replies.welcome = { it: '', en: '' }
  form.replies.holiday = { it: '', en: 'Closed today' }
  form.weekly.sun = []
  form.policy = { url: '', version: '' }
  form.closures.push({ from: '', to: '', reason: '' })
  form.redirects.push({ id: '', label: 'Ufficio Casa è qui', text: { it: 'Chiama lo 0123' } })
  form.retentionMonths = ''
  const file = fromForm(form)
  assert.equal(file.autoReplies.welcome, undefined)
  assert.deepEqual(file.autoReplies.holiday, { en: 'Closed today' })
  assert.equal(file.opening.weekly.sun, undefined)
  assert.equal(file.policy, undefined)
  assert.deepEqual(file.opening.closures, [{ from: '', to: '' }])
  assert.deepEqual(file.redirects[0], {
    id: 'ufficio-casa-e-qui',
    label: 'Ufficio Casa è qui',
    text: { it: 'Chiama lo 0123' },
  })
  assert.equal(file.retention.months, '')
})

test('whatever an imported file holds, the form opens', () => {
  const form = toForm({ opening: { weekly: { mon: 'sempre' } }, languages: 'it', redirects: [null] })
  assert.deepEqual(form.weekly.mon, [])
  assert.equal(form.languages, '')
  assert.deepEqual(form.redirects, [{ id: '', label: '', text: {} }])
})

test("the desk's lists: a new item gets an id of its own from its name, a renamed one keeps its id", async () => {
  const form = toForm(await settingsFile('listening-line.json'))
  form.categories[0] = { id: 'loneliness', label: { it: 'Isolamento', en: '' } }
  form.categories.push({ id: '', label: { it: 'Solitudine', en: '' } }, { id: '', label: { it: '', en: '' } })
  form.closingForm = [
    { id: '', label: { it: 'Chi scrive' }, required: false, options: [{ id: '', label: { it: 'Sé' } }] },
  ]
  form.playbook = []
  form.assignment = 'automatic'
  form.maxConcurrent = ''
  const { desk } = fromForm(form)
  assert.deepEqual(desk?.categories?.[0], { id: 'loneliness', label: { it: 'Isolamento' } })
  assert.deepEqual(
    desk?.categories?.slice(-2).map((c) => c.id),
    ['solitudine', 'category-10'],
  )
  assert.deepEqual(desk?.categories?.at(-1)?.label, {}, 'no name: the server names what is missing')
  assert.deepEqual(desk?.closingForm, [
    { id: 'chi-scrive', label: { it: 'Chi scrive' }, options: [{ id: 'se', label: { it: 'Sé' } }] },
  ])
  assert.equal(desk?.escalationPlaybook, undefined)
  assert.equal(desk?.assignment, 'automatic')
  assert.equal(desk?.maxConcurrent, undefined)
})

test('a file without desk settings gets none from an untouched form', () => {
  const file = { name: 'Linea', languages: ['it'], retention: { months: 6 } }
  assert.equal(fromForm(toForm(file)).desk, undefined)
})

test('the on-call alert: written when anything is typed, the minutes as a number; review only once chosen', () => {
  const form = toForm({ name: 'Linea', languages: ['it'] })
  form.onCall = { channelId: '', address: ' +39 333 1234567 ', everyMinutes: '10' }
  assert.deepEqual(fromForm(form).desk?.onCall, {
    channelId: '',
    address: '+39 333 1234567',
    everyMinutes: 10,
  })
  form.onCall = { channelId: '', address: '', everyMinutes: '' }
  form.reviewFlagged = true
  assert.deepEqual(fromForm(form).desk, { reviewFlagged: true })
  const turnedOff = toForm({ name: 'Linea', languages: ['it'], desk: { reviewFlagged: true } })
  turnedOff.reviewFlagged = false
  assert.deepEqual(fromForm(turnedOff).desk, { reviewFlagged: false })
})

test('slug', () => {
  assert.equal(slug('  Anagrafe & Stato civile '), 'anagrafe-stato-civile')
})

test('a survey with no door and no question leaves the file; a question without an id gets one from its place', async () => {
  const form = toForm(await settingsFile('association-web-chat.json'))
  form.survey.questions.push({ id: '', kind: 'yesNo', text: { it: 'Torneresti?', en: '' } })
  assert.deepEqual(fromForm(form).survey?.questions[2], {
    id: 'question-3',
    kind: 'yesNo',
    text: { it: 'Torneresti?' },
  })
  form.survey = { channelKinds: [], questions: [] }
  assert.equal(fromForm(form).survey, undefined)
})

test('the wait shown in the chat: on unless turned off; turning it off keeps the message about it', () => {
  const file = {
    name: 'Linea',
    languages: ['it'],
    wait: { message: { it: 'Sei la {place} persona: {wait}.' } },
  }
  const form = toForm(file)
  assert.equal(form.showWait, true)
  assert.deepEqual(fromForm(form).wait, file.wait)
  form.showWait = false
  assert.deepEqual(fromForm(form).wait, { ...file.wait, show: false })
  assert.equal(fromForm(toForm({ name: 'Linea', languages: ['it'] })).wait, undefined)
  const off = toForm({ name: 'Linea', languages: ['it'], wait: { show: false } })
  assert.equal(off.showWait, false)
  off.showWait = true
  assert.equal(fromForm(off).wait, undefined)
})

test("the chat's questions: a new one gets ids from its names, the policy acceptance only once chosen", async () => {
  const form = toForm(await settingsFile('association-web-chat.json'))
  form.widget.questions.push({
    id: '',
    label: { it: 'Come ci hai trovato?', en: '' },
    required: false,
    options: [
      { id: '', label: { it: 'Scuola', en: 'School' } },
      { id: '', label: { it: 'Amici', en: '' } },
    ],
  })
  form.widget.requirePolicy = false
  const { widget } = fromForm(form)
  assert.deepEqual(widget?.questions?.[2], {
    id: 'come-ci-hai-trovato',
    label: { it: 'Come ci hai trovato?' },
    options: [
      { id: 'scuola', label: { it: 'Scuola', en: 'School' } },
      { id: 'amici', label: { it: 'Amici' } },
    ],
  })
  assert.equal(widget?.requirePolicy, false, 'turned off over a file that said it')
  assert.deepEqual(widget?.allowedOrigins, ['https://www.ilfilo.example.org', 'https://ilfilo.example.org'])
  const bare = toForm({ name: 'Linea', languages: ['it'] })
  assert.equal(fromForm(bare).widget, undefined)
  bare.widget.requirePolicy = true
  assert.deepEqual(fromForm(bare).widget, { requirePolicy: true })
})

test('the emergency procedure: a step of choices keeps its answers, of another kind none; no step, no procedure', async () => {
  const form = toForm(await settingsFile('anti-trafficking-line.json'))
  const needs = form.emergency.findIndex((step) => step.id === 'needs')
  assert.ok(form.emergency[needs]?.options.length)
  form.emergency[needs] = { ...(form.emergency[needs] as (typeof form.emergency)[number]), field: 'text' }
  form.emergency.push({ id: '', label: { it: 'Chi è stato chiamato', en: '' }, field: 'when', options: [] })
  const steps = fromForm(form).cases?.emergency?.steps ?? []
  assert.equal(steps[needs]?.options, undefined)
  assert.deepEqual(steps.at(-1), {
    id: 'chi-e-stato-chiamato',
    label: { it: 'Chi è stato chiamato' },
    field: 'when',
  })
  form.emergency = []
  assert.equal(fromForm(form).cases, undefined)
})

test('the figures per operator are turned on and off beside the minimum cell, which stays', async () => {
  const file = { ...(await settingsFile('listening-line.json')), statistics: { minimumCell: 10 } }
  const form = toForm(file)
  assert.equal(form.perOperator, false)
  form.perOperator = true
  assert.deepEqual(fromForm(form).statistics, { minimumCell: 10, perOperator: true })
  const on = toForm(fromForm(form))
  assert.equal(on.perOperator, true)
  on.perOperator = false
  assert.deepEqual(fromForm(on).statistics, { minimumCell: 10, perOperator: false })
})
