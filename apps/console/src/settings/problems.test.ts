/// <reference types="node" />
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { concerns, describeProblem } from './problems.ts'

test('a range of a weekday', () => {
  assert.deepEqual(
    describeProblem('opening.weekly.mon[0] starts and ends at 18:00: use 00:00–24:00 for a whole day'),
    {
      path: 'opening.weekly.mon[0]',
      section: 'opening',
      steps: [
        { kind: 'day', day: 'mon' },
        { kind: 'range', n: 1 },
      ],
      detail: 'starts and ends at 18:00: use 00:00–24:00 for a whole day',
    },
  )
})

test('a field after a colon, a text in a language, a redirect, the whole file', () => {
  assert.deepEqual(describeProblem('opening.exceptions[2].ranges[0].end: must match pattern x').steps, [
    { kind: 'exception', n: 3 },
    { kind: 'range', n: 1 },
    { kind: 'field', name: 'end' },
  ])
  const reply = describeProblem('autoReplies.welcome.it: Expected string length greater or equal to 1')
  assert.equal(reply.section, 'replies')
  assert.deepEqual(reply.steps, [
    { kind: 'reply', reply: 'welcome' },
    { kind: 'language', code: 'it' },
  ])
  assert.deepEqual(describeProblem('redirects[1].text: needs a text in it').steps, [
    { kind: 'redirect', n: 2 },
  ])
  assert.deepEqual(describeProblem('(the file): is not an object'), {
    path: '',
    section: null,
    steps: [],
    detail: '(the file): is not an object',
  })
  assert.equal(describeProblem('timeZone: unknown time zone: Mars/Base').section, 'line')
})

test("the desk's lists: a category, an option of a question, a playbook step, the limit", () => {
  const option = describeProblem('desk.closingForm[0].options[2].label: needs a text in it')
  assert.equal(option.section, 'closingForm')
  assert.deepEqual(option.steps, [
    { kind: 'question', n: 1 },
    { kind: 'field', name: 'options' },
    { kind: 'option', n: 3 },
  ])
  assert.deepEqual(describeProblem('desk.categories[1].label.it: Expected string length').steps, [
    { kind: 'category', n: 2 },
    { kind: 'language', code: 'it' },
  ])
  assert.deepEqual(describeProblem("desk.escalationPlaybook[0].id: repeats 'x'").steps, [
    { kind: 'step', n: 1 },
    { kind: 'field', name: 'id' },
  ])
  const limit = describeProblem('desk.maxConcurrent: Expected integer')
  assert.equal(limit.section, 'assignment')
  const address = describeProblem('desk.onCall.address: too short')
  assert.equal(address.section, 'onCall')
  assert.deepEqual(address.steps, [{ kind: 'field', name: 'address' }])
  assert.equal(describeProblem('desk.reviewFlagged: Expected boolean').section, 'onCall')
})

test('a problem concerns its field, the fields inside it and the one around it', () => {
  assert.ok(concerns('opening.weekly.mon[0]', 'opening.weekly.mon[0].start'))
  assert.ok(concerns('moderation.words[3]', 'moderation.words'))
  assert.ok(!concerns('opening.weekly.mon[1]', 'opening.weekly.mon[10].start'))
  assert.ok(!concerns('', 'name'))
})

test("the chat's questions and the emergency procedure's steps: their sections and rows", () => {
  const question = describeProblem('widget.questions[1].options: Expected array to have at least 2 items')
  assert.equal(question.section, 'widget')
  assert.deepEqual(question.steps, [
    { kind: 'prechatQuestion', n: 2 },
    { kind: 'field', name: 'options' },
  ])
  assert.deepEqual(describeProblem('survey.questions[0].text: needs a text in it').steps, [
    { kind: 'surveyQuestion', n: 1 },
  ])
  const step = describeProblem('cases.emergency.steps[3].options[0].label.en: Expected string length')
  assert.equal(step.section, 'emergency')
  assert.deepEqual(step.steps, [
    { kind: 'emergencyStep', n: 4 },
    { kind: 'field', name: 'options' },
    { kind: 'option', n: 1 },
    { kind: 'language', code: 'en' },
  ])
})
