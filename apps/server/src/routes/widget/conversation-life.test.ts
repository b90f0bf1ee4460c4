// A conversation's whole life on a real server: nothing disappears when the person leaves (ended
// before an answer: closed and counted as abandoned; left with a volunteer in it: kept in their
// list until the closing form), a socket gone past the grace time is a person who left, a message
// soon after a close reopens the conversation (offered to whoever had it, no second automatic
// reply that day), and a code written down continues it from another device.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, endGoneVisitors, importHelplineSettings, VISITOR_GONE_MINUTES } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import type { ConversationView, HelplineSettings } from '@ascolto/protocol'
import { eventually } from '../../testing/eventually.ts'
import { connectConsole, connectWidget, nextEvent } from '../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../testing/test-server.ts'
import { WRONG_CODES_PER_DOOR } from './resume.ts'

// never open: every new conversation gets the out-of-hours reply, once
const alwaysClosed = (): HelplineSettings => ({
  ...defaultSettings('Linea serale', 'Europe/Rome', 'it'),
  opening: { weekly: {}, exceptions: [], closures: [], closedOnPublicHolidays: false },
  autoReplies: { outOfHours: { it: 'Ora la linea è chiusa.' } },
})

describe("a conversation's whole life", () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let volunteer: { userId: string; cookie: string }
  let supervisor: { userId: string; cookie: string }
  const widget = (path = '') => `${server.url}/api/widget/v1/channels/${line.channelId}${path}`
  const write = (token: string, text: string) =>
    call(widget('/messages'), { token, body: { clientId: randomUUID(), text } })
  const conversationOf = async (token: string) => {
    const { rows } = await server.pool.query<{ id: string }>(
      `select c.id from conversation c join contact_identity ci
          on ci.contact_id = c.contact_id and ci.channel_id = c.channel_id
        where ci.channel_id = $1 and ci.address_hash = $2 order by c.opened_at desc limit 1`,
      [line.channelId, server.services.keyring.hashAddress(line.helplineId, token)],
    )
    assert.ok(rows[0], 'a conversation for this token')
    return rows[0].id
  }
  const view = async (id: string): Promise<ConversationView> =>
    (await call(`${server.url}/api/conversations/${id}`, { cookie: supervisor.cookie })).body.conversation
  const autoReplies = async (id: string) =>
    (
      await server.pool.query(`select 1 from message where conversation_id = $1 and kind = 'auto_reply'`, [
        id,
      ])
    ).rowCount
  const take = (id: string, cookie = volunteer.cookie) =>
    call(`${server.url}/api/conversations/${id}/take`, { cookie, body: {} })
  const reply = (id: string, text: string) =>
    call(`${server.url}/api/conversations/${id}/messages`, { cookie: volunteer.cookie, body: { text } })
  const close = (id: string, body: object = {}) =>
    call(`${server.url}/api/conversations/${id}/close`, { cookie: volunteer.cookie, body })

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, line.helplineId, {
      ...alwaysClosed(),
      desk: {
        closingForm: [
          {
            id: 'esito',
            label: { it: 'Esito' },
            options: [
              { id: 'ascolto', label: { it: 'Ascolto' } },
              { id: 'invio', label: { it: 'Invio ai servizi' } },
            ],
            required: true,
          },
        ],
      },
    })
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }])
  })
  after(() => server.close())

  it('closes a chat ended before an answer as abandoned, its wait kept, and counts it', async () => {
    const token = visitorToken()
    assert.equal((await write(token, 'Ciao, ci siete?')).status, 201)
    const id = await conversationOf(token)
    assert.equal((await call(widget('/end'), { method: 'POST', token })).status, 200)
    const ended = await view(id)
    assert.equal(ended.status, 'closed')
    assert.ok(ended.personLeftAt)
    const { rows } = await server.pool.query(
      'select abandoned, duration_seconds, first_response_seconds from conversation_fact where conversation_id = $1',
      [id],
    )
    assert.equal(rows[0].abandoned, true)
    assert.ok(rows[0].duration_seconds >= 0, 'the wait is kept')
    assert.equal(rows[0].first_response_seconds, null)
    const stats = await call(`${server.url}/api/helplines/${line.helplineId}/statistics`, {
      cookie: supervisor.cookie,
    })
    assert.equal(stats.body.total.abandoned, 'small', 'one: fewer than five')
    assert.notEqual(stats.body.total.abandonedWait.median, null)
  })

  it('keeps a chat the person left in the volunteer’s list until the closing form, which names what is missing', async () => {
    const token = visitorToken()
    await write(token, 'Ho bisogno di parlare')
    const id = await conversationOf(token)
    assert.equal((await take(id)).status, 200)
    await reply(id, 'Sono qui, ti ascolto.')
    assert.equal((await call(widget('/end'), { method: 'POST', token })).status, 200)
    const left = await view(id)
    assert.equal(left.status, 'open')
    assert.equal(left.assignee?.id, volunteer.userId)
    assert.ok(left.personLeftAt)
    const mine = await call(`${server.url}/api/conversations?status=mine`, { cookie: volunteer.cookie })
    assert.ok(mine.body.conversations.some((c: ConversationView) => c.id === id && c.personLeftAt))

    const refused = await close(id)
    assert.equal(refused.status, 400)
    assert.deepEqual(refused.body.problems, ['outcome.esito: required'])
    assert.equal((await close(id, { outcome: { esito: 'ascolto' } })).status, 200)
    const { rows } = await server.pool.query(
      'select abandoned, outcome from conversation_fact where conversation_id = $1',
      [id],
    )
    assert.deepEqual(rows[0], { abandoned: false, outcome: { esito: 'ascolto' } })
  })

  it('shows the person away when their socket closes, back when it opens, and gone after the grace time', async () => {
    const token = visitorToken()
    await write(token, 'Scrivo dal telefono')
    const id = await conversationOf(token)
    await take(id)
    await reply(id, 'Ciao, dimmi pure.')
    const consoleSocket = await connectConsole(server.url, volunteer.cookie)
    const first = await connectWidget(server.url, line.channelId, token)
    const away = nextEvent<ConversationView>(
      consoleSocket,
      'conversation.updated',
      (c) => c.id === id && c.personAwaySince !== null,
    )
    first.close()
    await away
    const back = nextEvent<ConversationView>(
      consoleSocket,
      'conversation.updated',
      (c) => c.id === id && c.personAwaySince === null,
    )
    const second = await connectWidget(server.url, line.channelId, token)
    await back
    second.close()
    await eventually('away again', async () => (await view(id)).personAwaySince !== null)

    // within the grace time nothing ends; past it, the person has left (a volunteer is in it: kept)
    const sweep = (minutes: number) =>
      withTransaction(server.pool, (tx, afterCommit) =>
        endGoneVisitors(
          { tx, afterCommit, services: server.services },
          new Date(Date.now() + minutes * 60_000),
        ),
      )
    await sweep(VISITOR_GONE_MINUTES - 1)
    assert.equal((await view(id)).personLeftAt, null)
    await sweep(VISITOR_GONE_MINUTES + 1)
    const gone = await view(id)
    assert.equal(gone.status, 'open')
    assert.ok(gone.personLeftAt)
    consoleSocket.close()
  })

  it('reopens a conversation written to soon after its close, offered to whoever had it, with no second automatic reply', async () => {
    await call(`${server.url}/api/availability`, {
      method: 'PUT',
      cookie: volunteer.cookie,
      body: { availability: 'available' },
    })
    const token = visitorToken()
    await write(token, 'Prima domanda')
    const id = await conversationOf(token)
    assert.equal(await autoReplies(id), 1)
    await take(id)
    assert.equal((await close(id, { outcome: { esito: 'ascolto' } })).status, 200)

    assert.equal((await write(token, 'Scusa, un’altra cosa')).status, 201)
    assert.equal(await conversationOf(token), id, 'the same conversation')
    const reopened = await view(id)
    assert.equal(reopened.status, 'open')
    assert.equal(reopened.assignee?.id, volunteer.userId)
    assert.equal(await autoReplies(id), 1, 'no second automatic reply that day')

    // the volunteer is away now: it waits in the queue, still without a second reply
    await close(id, { outcome: { esito: 'invio' } })
    await call(`${server.url}/api/availability`, {
      method: 'PUT',
      cookie: volunteer.cookie,
      body: { availability: 'away' },
    })
    await write(token, 'Ancora io')
    const waiting = await view(id)
    assert.equal(waiting.status, 'waiting')
    assert.equal(waiting.assignee, null)
    assert.equal(await autoReplies(id), 1)

    // past the helpline's hours for reopening: a new conversation (and its own reply)
    await take(id, supervisor.cookie)
    await call(`${server.url}/api/conversations/${id}/close`, {
      cookie: supervisor.cookie,
      body: { outcome: { esito: 'invio' } },
    })
    await server.pool.query(`update conversation set closed_at = now() - interval '25 hours' where id = $1`, [
      id,
    ])
    await write(token, 'Il giorno dopo')
    const later = await conversationOf(token)
    assert.notEqual(later, id)
    assert.equal(await autoReplies(later), 1)
  })

  it('continues on another device with a code written down, once, and answers unknown and wrong codes alike', async () => {
    const token = visitorToken()
    assert.equal(
      (await call(widget('/resume-code'), { method: 'POST', token })).status,
      404,
      'nothing to continue yet',
    )
    await write(token, 'Devo andare, continuo dopo')
    const id = await conversationOf(token)
    const made = await call(widget('/resume-code'), { method: 'POST', token })
    assert.equal(made.status, 200)
    assert.match(made.body.code, /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/)
    const { rows } = await server.pool.query(
      'select resume_code_hash from contact_identity where channel_id = $1 and resume_code_hash is not null',
      [line.channelId],
    )
    assert.equal(rows.length, 1)
    assert.ok(
      !rows[0].resume_code_hash.toString('utf8').includes(made.body.code.replace('-', '')),
      'only a keyed hash is kept',
    )

    const elsewhere = visitorToken()
    const unknown = await call(widget('/resume'), { token: elsewhere, body: { code: 'ABCDE-FGHJK' } })
    const wrong = await call(widget('/resume'), {
      token: elsewhere,
      body: { code: `${made.body.code.slice(0, 10)}${made.body.code.at(-1) === 'Z' ? 'Y' : 'Z'}` },
    })
    assert.equal(unknown.status, 404)
    assert.deepEqual(wrong.body, unknown.body)
    assert.equal(
      (await call(widget('/resume'), { token: elsewhere, body: { code: "'; drop table--" } })).status,
      400,
    )

    const resumed = await call(widget('/resume'), {
      token: elsewhere,
      body: { code: made.body.code.toLowerCase() },
    })
    assert.equal(resumed.status, 200)
    const transcript = await call(widget('/messages'), { token: elsewhere })
    assert.deepEqual(
      transcript.body.messages
        .filter((m: { direction: string }) => m.direction === 'inbound')
        .map((m: { text: string }) => m.text),
      ['Devo andare, continuo dopo'],
    )
    assert.deepEqual(
      (await call(widget('/messages'), { token })).body.messages,
      [],
      'the old device reads nothing more',
    )
    assert.equal((await write(elsewhere, 'Eccomi di nuovo')).status, 201)
    assert.equal(await conversationOf(elsewhere), id)
    const again = await call(widget('/resume'), { token: visitorToken(), body: { code: made.body.code } })
    assert.equal(again.status, 404, 'a code works once')
  })

  it('holds a guesser at the door after a few wrong codes, whatever address they use', async () => {
    // a door of its own: the wrong codes above count at theirs
    const door = await makeHelpline(server.pool)
    const resume = `${server.url}/api/widget/v1/channels/${door.channelId}/resume`
    const statuses: number[] = []
    for (let i = 0; i <= WRONG_CODES_PER_DOOR.max; i++) {
      statuses.push((await call(resume, { token: visitorToken(), body: { code: 'ZZZZZ-ZZZZZ' } })).status)
    }
    assert.deepEqual(new Set(statuses.slice(0, -1)), new Set([404]))
    assert.equal(statuses.at(-1), 429)
  })
})
