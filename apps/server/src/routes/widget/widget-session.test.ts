// The widget API beyond messages: the person ends the chat, answers questions before it and
// accepts the policy; only the sites a helpline lists may call (REST and socket); the full-page
// chat names nobody.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, importHelplineSettings } from '@ascolto/core'
import { io } from 'socket.io-client'
import { openMessageText } from '../../testing/sealed.ts'
import {
  call,
  makeHelpline,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../testing/test-server.ts'

const questions = [
  {
    id: 'age',
    label: { it: 'Quanti anni hai?', en: 'How old are you?' },
    options: [
      { id: 'under-14', label: { it: 'Meno di 14', en: 'Under 14' } },
      { id: '14-17', label: { it: '14–17', en: '14–17' } },
      { id: 'adult', label: { it: '18 o più', en: '18 or over' } },
    ],
    required: true,
  },
  {
    id: 'topic',
    label: { it: 'Di cosa vuoi parlare?' },
    options: [
      { id: 'school', label: { it: 'Scuola' } },
      { id: 'family', label: { it: 'Famiglia' } },
    ],
  },
]

describe('widget API: ending, questions, policy, sites, full page', () => {
  let server: TestServer
  let channelId: string
  let helplineId: string
  const base = () => `${server.url}/api/widget/v1/channels/${channelId}`
  const send = (token: string, text: string, extra: object = {}) =>
    call(`${base()}/messages`, { token, body: { clientId: randomUUID(), text, ...extra } })
  const conversationOf = async (token: string) => {
    const { rows } = await server.pool.query(
      `select c.id, c.status, c.ended_by_visitor_at, c.prechat_answers, c.policy_accepted_version
         from conversation c join contact_identity ci on ci.contact_id = c.contact_id
        where ci.channel_id = $1 order by c.opened_at desc`,
      [channelId],
    )
    return { rows, token }
  }
  const notesOf = async (conversationId: string) => {
    const { rows } = await server.pool.query(
      `select id from message where conversation_id = $1 and direction = 'note' order by seq`,
      [conversationId],
    )
    return rows.length
  }

  before(async () => {
    server = await startTestServer()
    ;({ channelId, helplineId } = await makeHelpline(server.pool))
  })
  after(() => server.close())

  it('closes the conversation when the person ends the chat, marked as theirs, with a note', async () => {
    const token = visitorToken()
    assert.equal((await send(token, 'Ciao')).status, 201)
    const [open] = (await conversationOf(token)).rows
    assert.equal(open.status, 'waiting')

    const ended = await call(`${base()}/end`, { method: 'POST', token })
    assert.equal(ended.status, 200)
    assert.deepEqual(ended.body, { ended: true })
    assert.equal(ended.headers.get('cache-control'), 'no-store')
    const { rows } = await server.pool.query(
      'select status, closed_at, ended_by_visitor_at from conversation where id = $1',
      [open.id],
    )
    assert.equal(rows[0].status, 'closed')
    assert.ok(rows[0].ended_by_visitor_at instanceof Date)
    assert.equal(await notesOf(open.id), 1)

    // nothing left to end is not an error, and someone else's token ends nothing of theirs
    assert.deepEqual((await call(`${base()}/end`, { method: 'POST', token })).body, { ended: false })
    const other = visitorToken()
    await send(other, 'Un altro')
    assert.deepEqual((await call(`${base()}/end`, { method: 'POST', token })).body, { ended: false })
    const { rows: others } = await server.pool.query(
      `select count(*)::int as n from conversation where channel_id = $1 and status <> 'closed'`,
      [channelId],
    )
    assert.equal(others[0].n, 1)

    // writing again opens a new conversation
    await send(token, 'Sono di nuovo io')
    const { rows: after } = await server.pool.query(
      `select count(*)::int as n from conversation where channel_id = $1 and status <> 'closed'`,
      [channelId],
    )
    assert.equal(after[0].n, 2)
  })

  it('asks the questions, requires the policy, and keeps the answers with the conversation', async () => {
    const settings = {
      ...defaultSettings('Linea di prova', 'Europe/Rome', 'it'),
      policy: { url: 'https://example.org/privacy', version: '2026-11' },
      widget: { requirePolicy: true, keepSession: false, questions },
    }
    await importHelplineSettings(server.pool, helplineId, settings)
    const info = await call(base())
    assert.equal(info.status, 200)
    assert.equal(info.body.keepSession, false)
    assert.deepEqual(info.body.policy, { url: 'https://example.org/privacy', version: '2026-11' })
    assert.deepEqual(
      info.body.questions.map((q: { id: string; required: boolean }) => [q.id, q.required]),
      [
        ['age', true],
        ['topic', false],
      ],
    )

    const token = visitorToken()
    const refused = await send(token, 'Senza accettare')
    assert.equal(refused.status, 400)
    assert.match(refused.body.message, /policy/)
    const stale = await send(token, 'Versione vecchia', {
      prechat: { answers: {}, policyVersion: '2025-01' },
    })
    assert.equal(stale.status, 400)

    const prechat = { answers: { age: '14-17', topic: 'school', made: 'up' }, policyVersion: '2026-11' }
    const first = await send(token, 'Ho accettato', { prechat })
    assert.equal(first.status, 201)
    // later messages need no acceptance again, and their answers change nothing
    const second = await send(token, 'Secondo messaggio', { prechat: { answers: { age: 'adult' } } })
    assert.equal(second.status, 201)

    const { rows } = await server.pool.query(
      `select c.id, c.prechat_answers, c.policy_accepted_version from conversation c
        where c.id = (select conversation_id from message where id = $1)`,
      [first.body.id],
    )
    assert.equal(rows[0].policy_accepted_version, '2026-11')
    assert.deepEqual(
      rows[0].prechat_answers.map((a: { id: string; option: string }) => [a.id, a.option]),
      [
        ['age', '14-17'],
        ['topic', 'school'],
      ],
    )
    // the volunteer reads them as a note in the conversation, in the helpline's language
    const cookieless = await server.pool.query(
      `select id, body_sealed from message where conversation_id = $1 and direction = 'note'`,
      [rows[0].id],
    )
    assert.equal(cookieless.rows.length, 1)
    const text = await openMessageText(server, cookieless.rows[0].id)
    assert.equal(text, 'Risposte prima della chat\nQuanti anni hai?: 14–17\nDi cosa vuoi parlare?: Scuola')

    // a new conversation of the same person (closed by the helpline meanwhile): accepted before
    await server.pool.query(`update conversation set status = 'closed', closed_at = now() where id = $1`, [
      rows[0].id,
    ])
    assert.equal((await send(token, 'Dopo la chiusura')).status, 201)
  })

  it('lets only the sites a helpline lists call, echoing their origin', async () => {
    const open = await call(base(), { headers: { origin: 'https://anywhere.example' } })
    assert.equal(open.status, 200)
    assert.equal(open.headers.get('access-control-allow-origin'), '*')

    await importHelplineSettings(server.pool, helplineId, {
      ...defaultSettings('Linea di prova', 'Europe/Rome', 'it'),
      widget: { allowedOrigins: ['https://www.associazione.example'] },
    })
    const listed = await call(base(), { headers: { origin: 'https://www.associazione.example' } })
    assert.equal(listed.status, 200)
    assert.equal(listed.headers.get('access-control-allow-origin'), 'https://www.associazione.example')
    assert.match(listed.headers.get('vary') ?? '', /Origin/)

    const preflight = await call(`${base()}/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.associazione.example', 'access-control-request-method': 'POST' },
    })
    assert.equal(preflight.status, 204)
    assert.equal(preflight.headers.get('cache-control'), 'no-store')

    const before = Number((await server.pool.query('select count(*) from message')).rows[0].count)
    for (const path of ['', '/messages']) {
      const refused = await call(`${base()}${path}`, { headers: { origin: 'https://evil.example' } })
      assert.equal(refused.status, 403, path)
      assert.equal(refused.headers.get('access-control-allow-origin'), null)
      assert.equal(refused.headers.get('cache-control'), 'no-store')
    }
    const posted = await call(`${base()}/messages`, {
      token: visitorToken(),
      headers: { origin: 'https://evil.example' },
      body: { clientId: randomUUID(), text: 'da un altro sito' },
    })
    assert.equal(posted.status, 403)
    assert.equal(Number((await server.pool.query('select count(*) from message')).rows[0].count), before)
    // the server's own pages (demo, full-page chat) are always allowed
    assert.equal((await call(base(), { headers: { origin: server.url } })).status, 200)

    // the socket keeps to the same list
    const socketFrom = (origin: string) => {
      const socket = io(`${server.url}/widget`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { origin },
        auth: { channelId, token: visitorToken() },
      })
      return new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'))
        socket.once('connect_error', (error) => resolve(error.message))
      }).finally(() => socket.disconnect())
    }
    assert.equal(await socketFrom('https://evil.example'), 'ASCOLTO_ERR_FORBIDDEN')
    assert.equal(await socketFrom('https://www.associazione.example'), 'connected')
    assert.equal(await socketFrom(server.url), 'connected')
  })

  it('serves the full-page chat under an address and title that name no helpline', async () => {
    const page = await fetch(`${server.url}/chat/${channelId}`)
    assert.equal(page.status, 200)
    assert.equal(page.headers.get('cache-control'), 'no-store')
    const html = await page.text()
    assert.match(html, /<title>Chat<\/title>/)
    assert.doesNotMatch(html, /Linea di prova|Helpline/)
    assert.match(html, new RegExp(`data-ascolto-channel="${channelId}" data-ascolto-fullpage`))
    await importHelplineSettings(server.pool, helplineId, {
      ...defaultSettings('Linea di prova', 'Europe/Rome', 'it'),
      widget: { pageTitle: 'Meteo & <notizie>' },
    })
    assert.match(
      await (await fetch(`${server.url}/chat/${channelId}`)).text(),
      /<title>Meteo &#38; &#60;notizie&#62;<\/title>/,
    )
    assert.equal((await fetch(`${server.url}/chat/${randomUUID()}`)).status, 404)
  })
})
