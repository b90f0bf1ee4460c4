// The survey after a web chat closes: the settings refuse a bad survey and keep the old one; the
// widget is told when the volunteer closes, and the person's answers go into the conversation's
// anonymous facts, once, by their own token only; the statistics count them per question and door.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { connectWidget, nextEvent } from '../../testing/sockets.ts'
import { SURVEY_QUESTIONS, setSurvey } from '../../testing/survey-settings.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../testing/test-server.ts'

describe('the survey after a web chat', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let volunteer: { cookie: string }
  let supervisor: { cookie: string }
  /** The conversation whose survey was answered, erased before the counting. */
  let answeredId = ''
  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    await setSurvey(server.pool, line.helplineId, ['webchat'])
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }])
  })
  after(() => server.close())

  const widget = (path = '') => `${server.url}/api/widget/v1/channels/${line.channelId}${path}`
  const answer = (token: string, answers: unknown) => call(widget('/survey'), { token, body: { answers } })
  const factOf = async (conversationId: string) =>
    (
      await server.pool.query(
        'select survey_answers, channel_id from conversation_fact where conversation_id = $1',
        [conversationId],
      )
    ).rows[0]

  /** A person writes, the volunteer takes the conversation and closes it. */
  async function closedByVolunteer(token: string) {
    assert.equal(
      (await call(widget('/messages'), { token, body: { clientId: randomUUID(), text: 'Ciao' } })).status,
      201,
    )
    const queue = await call(`${server.url}/api/conversations?status=waiting&helplineId=${line.helplineId}`, {
      cookie: volunteer.cookie,
    })
    const conversationId: string = queue.body.conversations[0].id
    await call(`${server.url}/api/conversations/${conversationId}/take`, {
      cookie: volunteer.cookie,
      body: {},
    })
    const closed = await call(`${server.url}/api/conversations/${conversationId}/close`, {
      cookie: volunteer.cookie,
      body: {},
    })
    assert.equal(closed.status, 200)
    return conversationId
  }

  it('refuses a survey the console cannot ask, naming each field, and keeps the one saved', async () => {
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    const url = `${server.url}/api/helplines/${line.helplineId}/settings`
    const saved = (await call(url, { cookie: coordinator.cookie })).body
    const withSurvey = (survey: unknown) => ({ ...saved, survey })
    const tooMany = await call(url, {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: withSurvey({
        channelKinds: ['webchat', 'email'],
        questions: [...SURVEY_QUESTIONS, ...SURVEY_QUESTIONS],
      }),
    })
    assert.equal(tooMany.status, 400)
    assert.deepEqual(tooMany.body.problems.map((p: string) => p.split(':')[0]).sort(), [
      'survey.channelKinds[1]',
      'survey.questions',
    ])
    const wrong = await call(url, {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: withSurvey({
        channelKinds: ['whatsapp'],
        questions: [
          { id: 'again', kind: 'yesNo', text: { en: 'Again?' } },
          { id: 'again', kind: 'yesNo', text: { it: 'Di nuovo?' } },
        ],
      }),
    })
    assert.equal(wrong.status, 400)
    assert.deepEqual(wrong.body.problems, [
      'survey.questions[0].text: needs a text in it',
      'survey.questions[1].id: again is used twice',
      'survey.questions: whatsapp ask the first question on a scale of 1 to 5: add one',
    ])
    const free = await call(url, {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: withSurvey({
        channelKinds: ['webchat'],
        questions: [{ id: 'say', kind: 'text', text: { it: 'Dicci' } }],
      }),
    })
    assert.equal(free.status, 400)
    assert.deepEqual((await call(url, { cookie: coordinator.cookie })).body, saved)
  })

  it('tells the widget when the volunteer closes, and takes the person’s answers once, by their token only', async () => {
    const info = await call(widget())
    assert.deepEqual(info.body.survey, SURVEY_QUESTIONS)

    const token = visitorToken()
    const socket = await connectWidget(server.url, line.channelId, token)
    const told = nextEvent(socket, 'survey')
    const conversationId = await closedByVolunteer(token)
    answeredId = conversationId
    await told
    socket.close()
    assert.equal((await call(widget('/messages'), { token })).body.surveyDue, true)

    // another visitor (who wrote too) has nothing of this person's to answer for
    const other = visitorToken()
    assert.equal(
      (await call(widget('/messages'), { token: other, body: { clientId: randomUUID(), text: 'Ehi' } }))
        .status,
      201,
    )
    assert.equal((await answer(other, { useful: 1 })).status, 404)
    assert.equal((await answer(visitorToken(), { useful: 1 })).status, 404)
    assert.equal((await factOf(conversationId)).survey_answers, null)

    // nothing but the survey's own questions and kinds, no free text
    assert.equal((await answer(token, { useful: 'molto, grazie Marco' })).status, 400)
    assert.equal((await answer(token, { useful: 6 })).status, 400)
    assert.equal((await answer(token, { useful: true })).status, 400)
    assert.equal((await answer(token, { age: 3 })).status, 400)
    assert.equal((await factOf(conversationId)).survey_answers, null)

    const answered = await answer(token, { useful: 4, again: true })
    assert.equal(answered.status, 200)
    assert.deepEqual(answered.body, { recorded: true })
    assert.deepEqual(await factOf(conversationId), {
      survey_answers: { useful: 4, again: true },
      channel_id: line.channelId,
    })
    const twice = await answer(token, { useful: 1 })
    assert.equal(twice.status, 409)
    assert.equal(twice.body.code, 'ASCOLTO_ERR_SURVEY_ANSWERED')
    assert.deepEqual((await factOf(conversationId)).survey_answers, { useful: 4, again: true })
    assert.equal((await call(widget('/messages'), { token })).body.surveyDue, false)
  })

  it('takes the survey after the person ends the chat, a skip too, and not once the hours have passed', async () => {
    const token = visitorToken()
    assert.equal((await answer(token, {})).status, 404)
    assert.equal(
      (await call(widget('/messages'), { token, body: { clientId: randomUUID(), text: 'Ciao' } })).status,
      201,
    )
    assert.equal((await answer(token, { useful: 5 })).status, 404, 'still open')
    assert.equal((await call(widget('/end'), { method: 'POST', token })).status, 200)
    const { rows } = await server.pool.query(
      `select c.id from conversation c join contact_identity ci on ci.contact_id = c.contact_id
        where ci.channel_id = $1 and c.ended_by_visitor_at is not null order by c.opened_at desc limit 1`,
      [line.channelId],
    )
    assert.equal((await answer(token, {})).status, 200)
    assert.deepEqual((await factOf(rows[0].id)).survey_answers, {})

    const late = visitorToken()
    const lateId = await closedByVolunteer(late)
    await server.pool.query(`update conversation set closed_at = now() - interval '5 hours' where id = $1`, [
      lateId,
    ])
    assert.equal((await answer(late, { useful: 2 })).status, 404)

    // a block closes the conversation too, and the blocked person is asked nothing
    const blocked = visitorToken()
    await call(widget('/messages'), { token: blocked, body: { clientId: randomUUID(), text: 'Ciao' } })
    const queue = await call(`${server.url}/api/conversations?status=waiting&helplineId=${line.helplineId}`, {
      cookie: volunteer.cookie,
    })
    const waiting = queue.body.conversations[0].id
    await call(`${server.url}/api/conversations/${waiting}/take`, {
      method: 'POST',
      cookie: volunteer.cookie,
    })
    const block = await call(`${server.url}/api/conversations/${waiting}/block`, {
      cookie: volunteer.cookie,
      body: { reason: 'Minacce', days: 7, sendNotice: false },
    })
    assert.equal(block.status, 200)
    assert.equal((await call(widget('/messages'), { token: blocked })).body.surveyDue, false)
    assert.equal((await answer(blocked, { useful: 1 })).status, 404)
  })

  it('counts the answers per question and door for supervisors, within the helpline, after erasure too', async () => {
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    const erased = await call(`${server.url}/api/conversations/${answeredId}/contact/erase`, {
      cookie: coordinator.cookie,
      body: { reason: 'Richiesta della persona' },
    })
    assert.equal(erased.status, 200)
    const left = await server.pool.query('select 1 from conversation where id = $1', [answeredId])
    assert.equal(left.rowCount, 0)
    const url = `${server.url}/api/helplines/${line.helplineId}/statistics`
    const stats = await call(url, { cookie: supervisor.cookie })
    assert.equal(stats.status, 200)
    assert.deepEqual(stats.body.survey.questions, SURVEY_QUESTIONS)
    assert.deepEqual(
      stats.body.channels.map(
        ({
          firstResponse: _,
          duration: __,
          abandonedWait: ___,
          queue: ____,
          ...door
        }: Record<string, unknown>) => door,
      ),
      [
        {
          channelId: line.channelId,
          channelName: 'Web chat',
          channelKind: 'webchat',
          // three closed, one answered the survey, one (who wrote "Ciao") ended the chat before an
          // answer: each fewer than five, so '<5'
          closed: 'small',
          answered: 'small',
          abandoned: 'small',
        },
      ],
    )
    assert.deepEqual(stats.body.survey.counts, [
      { channelId: line.channelId, questionId: 'again', answer: 'yes', count: 'small' },
      { channelId: line.channelId, questionId: 'useful', answer: '4', count: 'small' },
    ])
    const lastYear = await call(`${url}?from=2025-01-01&to=2025-12-31`, { cookie: supervisor.cookie })
    assert.deepEqual(lastYear.body.channels, [])
    for (const bad of [
      'from=2026-13-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2026-12-02&to=2026-12-01',
      'from=ieri',
    ]) {
      assert.equal((await call(`${url}?${bad}`, { cookie: supervisor.cookie })).status, 400, bad)
    }
    assert.equal((await call(url, { cookie: volunteer.cookie })).status, 403)
    const elsewhere = await makeHelpline(server.pool)
    const outsider = await makeOperator(server, [{ helplineId: elsewhere.helplineId, role: 'supervisor' }])
    assert.equal((await call(url, { cookie: outsider.cookie })).status, 404)
  })
})
