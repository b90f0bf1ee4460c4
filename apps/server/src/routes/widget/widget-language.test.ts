// The language the person reads the widget in is the conversation's: sent with each message (the
// anti-trafficking line's Romanian welcome answers a first message written from a Romanian widget),
// and at once when the person switches during the conversation. An operator's choice stands; a
// language the helpline does not offer is refused by the switch and ignored by a message.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import {
  call,
  makeHelpline,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../testing/test-server.ts'

const settingsFile = path.resolve(
  import.meta.dirname,
  '../../../../../docs/settings/anti-trafficking-line.json',
)

describe('widget: the conversation in the language the person chose', () => {
  let server: TestServer
  let channelId: string
  let otherChannelId: string
  let welcome: Record<string, string>
  let policyVersion: string
  const base = (channel = channelId) => `${server.url}/api/widget/v1/channels/${channel}`
  const send = (token: string, text: string, language?: string) =>
    call(`${base()}/messages`, {
      token,
      body: { clientId: randomUUID(), text, prechat: { answers: {}, policyVersion }, language },
    })
  const choose = (token: string, language: string, channel = channelId) =>
    call(`${base(channel)}/language`, { method: 'PUT', token, body: { language } })
  const languageOf = async () =>
    (
      await server.pool.query<{ id: string; language: string | null; language_source: string | null }>(
        'select id, language, language_source from conversation where channel_id = $1 order by opened_at desc limit 1',
        [channelId],
      )
    ).rows[0]

  before(async () => {
    server = await startTestServer()
    const { helplineId, channelId: id } = await makeHelpline(server.pool)
    channelId = id
    const { $schema: _schema, ...settings } = JSON.parse(await readFile(settingsFile, 'utf8'))
    welcome = settings.autoReplies.welcome
    policyVersion = settings.policy.version
    await importHelplineSettings(server.pool, helplineId, settings)
    otherChannelId = (await makeHelpline(server.pool)).channelId
  })
  after(() => server.close())

  it('tells the widget the languages the helpline offers, its main one first', async () => {
    const info = await call(base())
    assert.equal(info.status, 200)
    assert.deepEqual(info.body.languages, ['it', 'en', 'ro', 'es', 'fr'])
  })

  it('lets a site’s page ask first for the switch (CORS preflight)', async () => {
    const preflight = await fetch(`${base()}/language`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://site.example.org',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, content-type',
      },
    })
    assert.equal(preflight.status, 204)
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /\bPUT\b/)
  })

  it('welcomes in the widget’s language, whatever the first words look like', async () => {
    const token = visitorToken()
    // "Ciao" reads as Italian: the widget's Romanian is the person's choice and wins
    assert.equal((await send(token, 'Ciao', 'ro')).status, 201)
    assert.deepEqual(await languageOf().then((row) => [row?.language, row?.language_source]), [
      'ro',
      'person',
    ])
    const transcript = await call(`${base()}/messages`, { token })
    const replies = transcript.body.messages.filter((m: { direction: string }) => m.direction === 'outbound')
    assert.equal(replies[0]?.text.replace(/https?:\/\/\S+/u, '{policyUrl}'), welcome.ro)
  })

  it('switches the conversation under way, refuses a language not offered, and leaves others’ alone', async () => {
    const token = visitorToken()
    assert.deepEqual((await choose(token, 'fr')).body, { changed: false }, 'no conversation yet')
    await send(token, 'Buongiorno, ho bisogno di aiuto', 'it')
    assert.equal((await languageOf())?.language, 'it')

    const switched = await choose(token, 'fr')
    assert.equal(switched.status, 200)
    assert.deepEqual(switched.body, { changed: true })
    assert.deepEqual(await languageOf().then((row) => [row?.language, row?.language_source]), [
      'fr',
      'person',
    ])

    const refused = await choose(token, 'ar')
    assert.equal(refused.status, 400)
    assert.equal(refused.body.code, 'ASCOLTO_ERR_VALIDATION')
    assert.equal((await choose(token, 'xx-YY')).status, 400)
    // the same token on another helpline's door finds no conversation there
    assert.deepEqual((await choose(token, 'it', otherChannelId)).body, { changed: false })
    assert.equal((await languageOf())?.language, 'fr')
  })

  it('keeps an operator’s choice, and takes a message in a language not offered without its language', async () => {
    const token = visitorToken()
    await send(token, 'Hello, I need help for my sister', 'en')
    const conversation = await languageOf()
    await server.pool.query(
      `update conversation set language = 'es', language_source = 'operator' where id = $1`,
      [conversation?.id],
    )
    assert.equal((await send(token, 'Still there?', 'en')).status, 201)
    assert.deepEqual((await choose(token, 'fr')).body, { changed: false })
    assert.equal((await languageOf())?.language, 'es')

    const other = visitorToken()
    // Chinese is not among this line's languages: the message goes through, detection decides
    assert.equal((await send(other, 'Buongiorno, ho bisogno di aiuto per una mia amica', 'zh')).status, 201)
    assert.deepEqual(await languageOf().then((row) => [row?.language, row?.language_source]), [
      'it',
      'detected',
    ])
  })
})
